import mongoose, { type Connection } from 'mongoose';
import type { Config } from './config';
import { connectionOptions } from './database';
import { features } from './features/index';
import {
  rekey,
  sealedCollections,
  summariseRekey,
  type RekeyOptions,
  type RekeyReport,
  type RekeySummary,
} from './platform/personal-data/rekey';

/** Every sealed value the app stores, re-encrypted under the current DATA_KEY: the platform's
 * collections and every feature's `sealed` declaration. */
export function rekeyAll(connection: Connection, config: Config, options?: RekeyOptions): Promise<RekeyReport[]> {
  return rekey(connection, config, sealedCollections(features), options);
}

/** The rekey task against a database of its own connection, for `scripts/rekey.ts`. */
export async function runRekey(
  config: Config,
  uri: string,
): Promise<{ reports: RekeyReport[]; summary: RekeySummary }> {
  const connection = await mongoose.createConnection(uri, connectionOptions(config)).asPromise();
  try {
    const reports = await rekeyAll(connection, config);
    return { reports, summary: summariseRekey(config, reports) };
  } finally {
    await connection.close();
  }
}
