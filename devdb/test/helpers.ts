import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';
import { startDevDb, type DevDb, type DevDbOptions } from '../src/index';

/**
 * A server for one test file: devdb on a random port, or the real MongoDB at MONGODB_URI
 * (these tests are written to pass unchanged against either).
 */
export function useServer(options: DevDbOptions = {}): {
  uri: () => string;
  client: () => MongoClient;
  db: (name?: string) => Db;
} {
  let server: DevDb | undefined;
  let uri = '';
  let client: MongoClient | undefined;
  beforeAll(async () => {
    if (process.env.MONGODB_URI) uri = process.env.MONGODB_URI;
    else {
      server = await startDevDb(options);
      uri = server.uri;
    }
    client = await MongoClient.connect(uri);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });
  const dbName = `test_${Math.random().toString(36).slice(2, 10)}`;
  return {
    uri: () => uri,
    client: () => client!,
    db: (name = dbName) => client!.db(name),
  };
}

/** Connection string for a named database on the server (mongoose wants it in the path). */
export function withDatabase(uri: string, db: string): string {
  const u = new URL(uri);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function serverCounters(
  client: MongoClient,
): Promise<{ docsExamined: number; keysExamined: number; docsReturned: number }> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  return {
    docsReturned: Number(status.metrics.document.returned),
    docsExamined: Number(status.metrics.queryExecutor.scannedObjects),
    keysExamined: Number(status.metrics.queryExecutor.scanned),
  };
}
