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
