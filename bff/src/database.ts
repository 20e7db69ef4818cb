import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { startDevDb } from '@warmcity/devdb';
import type { Config } from './config';

export interface Database {
  readonly connection: Connection;
  /** Closes the pool, then the embedded devdb if this process started one. */
  close(): Promise<void>;
}

export function connectionOptions(config: Pick<Config, 'NODE_ENV'>): ConnectOptions {
  return {
    // Indexes are built once, on purpose, by syncIndexes at start-up, not lazily per model.
    autoIndex: false,
    serverSelectionTimeoutMS: 5000,
    // A database that hangs (accepts, never answers) is found by the driver's heartbeat, which then
    // fails the requests waiting on it: so that they get a 503 within about the same 5 s rather
    // than waiting as long as the hang lasts (defaults: 10 s between heartbeats, 30 s to give up).
    heartbeatFrequencyMS: 1000,
    connectTimeoutMS: 2000,
    // A write acknowledged by a replica set's majority survives a fail-over.
    ...(config.NODE_ENV === 'production' ? { w: 'majority' as const } : {}),
  };
}

/** Connects to MONGODB_URI or, when it is unset (never in production), to an embedded devdb
 * on the data directory. */
export async function openDatabase(config: Config): Promise<Database> {
  const devdb = config.MONGODB_URI ? undefined : await startDevDb({ dbPath: config.DEVDB_PATH });
  const uri = config.MONGODB_URI ?? devdb?.uri ?? '';
  // devdb's URI names no database; a MONGODB_URI names its own (`/warmcity`) and keeps it.
  const connection = mongoose.createConnection(uri, {
    ...connectionOptions(config),
    ...(devdb ? { dbName: 'warmcity' } : {}),
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await devdb?.stop();
    throw error;
  }
  return {
    connection,
    close: async () => {
      await connection.close();
      await devdb?.stop();
    },
  };
}
