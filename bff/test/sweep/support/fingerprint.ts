import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { TestApp } from '../../support/app';

/** Per collection: how many documents, and a hash over all of them in `_id` order. Equal
 * fingerprints mean nothing was inserted, deleted or changed anywhere in the database, which is
 * what "a refused request stored nothing" has to mean. */
export type Fingerprint = Record<string, { count: number; hash: string }>;

export async function fingerprint(app: TestApp): Promise<Fingerprint> {
  const db = app.connection.db;
  if (!db) throw new Error('not connected');
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name).sort();
  // One scan per collection, all at once: a sweep takes hundreds of these.
  const scans = await Promise.all(
    collections.map(async (name) => {
      const documents = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
      const hash = createHash('sha256').update(mongoose.mongo.BSON.EJSON.stringify(documents, { relaxed: false }));
      return [name, { count: documents.length, hash: hash.digest('hex').slice(0, 16) }] as const;
    }),
  );
  const print: Fingerprint = Object.fromEntries(scans);
  return print;
}
