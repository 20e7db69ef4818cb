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
  const print: Fingerprint = {};
  for (const name of collections) {
    const hash = createHash('sha256');
    let count = 0;
    for await (const document of db.collection(name).find({}).sort({ _id: 1 })) {
      hash.update(mongoose.mongo.BSON.EJSON.stringify(document, { relaxed: false }));
      count += 1;
    }
    print[name] = { count, hash: hash.digest('hex').slice(0, 16) };
  }
  return print;
}
