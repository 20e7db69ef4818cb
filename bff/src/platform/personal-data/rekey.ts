import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config';
import { isDuplicateKey } from '../database';
import type { FeatureModule } from '../feature';
import { insuredPersonsSealed } from './insured-person.model';
import { dataProtection } from './protection';
import type { SealedCollection } from './sealed';

type KeyConfig = Pick<Config, 'DATA_KEY' | 'DATA_KEY_ID' | 'DATA_KEYS_RETIRED'>;
type Document = Record<string, unknown>;
type Stored = Document & { _id: Types.ObjectId };

/** Sealed collections the platform itself owns. */
export const platformSealed: readonly SealedCollection[] = [insuredPersonsSealed];

/** Every sealed collection the app writes: the platform's and each feature's declaration. */
export function sealedCollections(features: readonly FeatureModule[]): SealedCollection[] {
  return [...platformSealed, ...features.flatMap((feature) => feature.sealed ?? [])];
}

export interface RekeyFailure {
  readonly id: string;
  readonly path: string;
  readonly reason: string;
}

export interface RekeyReport {
  readonly collection: string;
  /** Documents found holding a value under a key other than the current one. */
  scanned: number;
  rekeyed: number;
  /** Writes that found the document changed since it was read; each was re-read and retried. */
  conflicts: number;
  /** Documents left as they are: a value that does not decrypt, a lookup key that cannot be
   * recomputed, a lookup key another document already holds, or a document that kept changing. */
  readonly failed: RekeyFailure[];
  /** Documents still holding a value under another key after the run, and those key ids. */
  remaining: number;
  readonly remainingByKey: Record<string, number>;
}

export interface RekeySummary {
  /** Retired key ids some stored value still uses: DATA_KEYS_RETIRED must keep these. */
  readonly retiredKeysInUse: string[];
  /** Key ids in use that are neither current nor retired: those values cannot be read at all. */
  readonly unknownKeysInUse: string[];
  readonly failed: number;
  readonly canDropRetiredKeys: boolean;
}

export interface RekeyOptions {
  readonly batchSize?: number;
  /** How often a document the app changed between read and write is re-read and tried again. */
  readonly attempts?: number;
  /** Test seam: runs between reading a document and writing it back. */
  readonly beforeWrite?: (collection: string, id: unknown) => Promise<void>;
}

const valueAt = (doc: Document, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Document)[key] : undefined), doc);

const keyIdOf = (sealed: string) => sealed.split('.')[1] ?? '';

/**
 * Re-encrypts, under the current DATA_KEY, every declared sealed value still under another key,
 * and recomputes the lookup key stored beside it. Each document is written back by one update
 * conditioned on every sealed value and lookup key it was read with, so a change the app made
 * meanwhile is never overwritten: the document is read again and retried. Documents are visited
 * in `_id` order in batches; a rekeyed document no longer matches, so a second run, or a run
 * after an interrupted one, only finds what is left.
 */
export async function rekey(
  connection: Connection,
  config: KeyConfig,
  collections: readonly SealedCollection[],
  options: RekeyOptions = {},
): Promise<RekeyReport[]> {
  const reports: RekeyReport[] = [];
  for (const sealed of collections) reports.push(await rekeyCollection(connection, config, sealed, options));
  return reports;
}

async function rekeyCollection(
  connection: Connection,
  config: KeyConfig,
  sealed: SealedCollection,
  { batchSize = 200, attempts = 3, beforeWrite }: RekeyOptions,
): Promise<RekeyReport> {
  const protection = dataProtection(config);
  const collection = sealed.model(connection).collection;
  const name = collection.collectionName;
  // Key ids are `[A-Za-z0-9_-]` (config.ts), so the id needs no escaping in the pattern.
  const staleValue = new RegExp(`^v1\\.(?!${config.DATA_KEY_ID}\\.)`);
  const stale = { $or: sealed.fields.map((field) => ({ [field.path]: { $regex: staleValue } })) };
  const paths = [...sealed.fields.map((field) => field.path), ...(sealed.lookup ? [sealed.lookup.path] : [])];
  const projection = Object.fromEntries(paths.map((path) => [path, 1]));
  const report: RekeyReport = {
    collection: name,
    scanned: 0,
    rekeyed: 0,
    conflicts: 0,
    failed: [],
    remaining: 0,
    remainingByKey: {},
  };

  /** The update for one document as read, or why it cannot be rekeyed; null if nothing is stale. */
  const plan = (doc: Stored): { $set: Record<string, string> } | RekeyFailure | null => {
    const set: Record<string, string> = {};
    const plaintext = new Map<string, string>();
    for (const field of sealed.fields) {
      const value = valueAt(doc, field.path);
      if (typeof value !== 'string' || !staleValue.test(value)) continue;
      try {
        plaintext.set(field.path, protection.decrypt(value, field.context));
      } catch {
        const known = config.DATA_KEYS_RETIRED.some((retired) => retired.id === keyIdOf(value));
        const reason = known ? 'does not decrypt under its key' : `unknown key id "${keyIdOf(value)}"`;
        return { id: String(doc._id), path: field.path, reason };
      }
      set[field.path] = protection.encrypt(plaintext.get(field.path)!, field.context);
    }
    if (plaintext.size === 0) return null;
    const lookup = sealed.lookup;
    if (lookup) {
      const from = plaintext.get(lookup.from);
      const source = valueAt(doc, lookup.from);
      // The lookup key is written with its source ciphertext, so it is under the same key: stale
      // exactly when the source is. With no source at all it cannot be recomputed.
      if (from !== undefined) set[lookup.path] = protection.lookupKey(from);
      else if (typeof source !== 'string' || source === '')
        return { id: String(doc._id), path: lookup.path, reason: `cannot recompute: ${lookup.from} is empty` };
    }
    return { $set: set };
  };

  const rekeyOne = async (first: Stored) => {
    let doc: Stored | null = first;
    for (let attempt = 1; doc; attempt++) {
      const update = plan(doc);
      if (update === null) return;
      if (!('$set' in update)) return void report.failed.push(update);
      await beforeWrite?.(name, doc._id);
      const asRead = Object.fromEntries(paths.map((path) => [path, valueAt(doc!, path) ?? null]));
      try {
        const result = await collection.updateOne({ _id: doc._id, ...asRead }, update);
        if (result.matchedCount === 1) return void report.rekeyed++;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const reason = 'another document already holds this lookup key under the current key';
        return void report.failed.push({ id: String(doc._id), path: sealed.lookup?.path ?? '', reason });
      }
      report.conflicts++;
      if (attempt >= attempts) {
        const reason = `changed by the app during ${attempts} attempts; run again`;
        return void report.failed.push({ id: String(doc._id), path: '', reason });
      }
      doc = await collection.findOne({ _id: doc._id }, { projection });
    }
  };

  let after: Types.ObjectId | undefined;
  for (;;) {
    const filter = after === undefined ? stale : { $and: [stale, { _id: { $gt: after } }] };
    const batch = await collection.find(filter, { projection }).sort({ _id: 1 }).limit(batchSize).toArray();
    if (batch.length === 0) break;
    for (const doc of batch) {
      report.scanned++;
      await rekeyOne(doc);
    }
    after = batch.at(-1)!._id;
  }

  for await (const doc of collection.find(stale, { projection })) {
    report.remaining++;
    for (const field of sealed.fields) {
      const value = valueAt(doc, field.path);
      if (typeof value !== 'string' || !staleValue.test(value)) continue;
      const id = keyIdOf(value);
      report.remainingByKey[id] = (report.remainingByKey[id] ?? 0) + 1;
    }
  }
  return report;
}

/** Whether DATA_KEYS_RETIRED can be emptied after these reports. */
export function summariseRekey(config: KeyConfig, reports: readonly RekeyReport[]): RekeySummary {
  const inUse = new Set(reports.flatMap((report) => Object.keys(report.remainingByKey)));
  const retired = new Set(config.DATA_KEYS_RETIRED.map((key) => key.id));
  const retiredKeysInUse = [...inUse].filter((id) => retired.has(id)).sort();
  return {
    retiredKeysInUse,
    unknownKeysInUse: [...inUse].filter((id) => !retired.has(id)).sort(),
    failed: reports.reduce((sum, report) => sum + report.failed.length, 0),
    canDropRetiredKeys: retiredKeysInUse.length === 0,
  };
}
