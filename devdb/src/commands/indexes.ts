import type { Document } from 'bson';
import { compareValues } from '../bson/compare';
import { fail } from '../errors';
import type { IndexSpec } from '../indexes/index';
import { defaultIndexName } from '../indexes/keys';
import { collectionName } from './args';
import type { CommandHandler } from './context';

const OPTIONS = [
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'collation',
  'hidden',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
] as const;

/** The spec as mongod stores and lists it: v, key, name, then only the options that mean something. */
function normalize(raw: Document): IndexSpec {
  const key = raw.key;
  if (!key || typeof key !== 'object' || Array.isArray(key) || !Object.keys(key).length) {
    return fail(67, 'Index keys cannot be an empty field.');
  }
  for (const [field, dir] of Object.entries(key as Document)) {
    if (!field) fail(67, 'Index keys cannot be an empty field.');
    if (typeof dir !== 'number' && typeof dir !== 'string')
      fail(
        67,
        `Values in v:2 index key pattern cannot be of type ${typeof dir}. Only numbers > 0, numbers < 0, and strings are allowed.`,
      );
    if (dir === 0) fail(67, `Values in the index key pattern can't be 0.`);
  }
  const spec: IndexSpec = {
    v: 2,
    key: key as IndexSpec['key'],
    name: typeof raw.name === 'string' ? raw.name : defaultIndexName(key as IndexSpec['key']),
  };
  for (const option of OPTIONS) {
    if (raw[option] === undefined) continue;
    if ((option === 'unique' || option === 'sparse' || option === 'hidden') && raw[option] !== true) continue;
    spec[option] = raw[option];
  }
  if (Object.values(spec.key).includes('2dsphere')) spec['2dsphereIndexVersion'] ??= 3;
  if (spec.expireAfterSeconds !== undefined && Object.keys(spec.key).length !== 1) {
    fail(67, 'TTL indexes are single-field indexes, compound indexes do not support TTL.');
  }
  return spec;
}

const sameOptions = (a: IndexSpec, b: IndexSpec) =>
  OPTIONS.every((o) => compareValues(a[o] ?? null, b[o] ?? null) === 0);

const createIndexes: CommandHandler = (cmd, { db, catalog }) => {
  const name = collectionName(cmd, 'createIndexes');
  if (!Array.isArray(cmd.indexes) || !cmd.indexes.length) return fail(2, 'Must specify at least one index to create');
  const specs = (cmd.indexes as Document[]).map(normalize);
  const existed = catalog.collection(db, name) !== undefined;
  const coll = catalog.ensureCollection(db, name);
  const numIndexesBefore = coll.indexes.size;
  for (const spec of specs) {
    const sameName = coll.indexes.get(spec.name);
    const sameKey = [...coll.indexes.values()].find(
      (i) =>
        compareValues(i.spec.key, spec.key) === 0 &&
        compareValues(i.spec.partialFilterExpression ?? null, spec.partialFilterExpression ?? null) === 0,
    );
    if (sameName) {
      if (compareValues(sameName.spec.key, spec.key) !== 0) {
        fail(
          86,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      if (!sameOptions(sameName.spec, spec)) {
        fail(
          86,
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      continue;
    }
    if (sameKey) {
      if (sameOptions(sameKey.spec, spec)) fail(85, `Index already exists with a different name: ${sameKey.name}`);
      fail(
        85,
        `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameKey.spec)}`,
      );
    }
    if (spec.name === '_id_') fail(67, 'The _id index cannot be created with options');
    coll.createIndex(spec);
  }
  const numIndexesAfter = coll.indexes.size;
  return {
    numIndexesBefore,
    numIndexesAfter,
    createdCollectionAutomatically: !existed,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (cmd, { db, catalog, cursors }) => {
  const name = collectionName(cmd, 'listIndexes');
  const coll = catalog.collection(db, name) ?? fail(26, `ns does not exist: ${db}.${name}`);
  const specs = [...coll.indexes.values()].map((i) => i.spec as Document);
  const { batch, id } = cursors.start(
    `${db}.$cmd.listIndexes.${name}`,
    specs,
    (cmd.cursor as Document | undefined)?.batchSize,
    false,
  );
  return { cursor: { id, ns: `${db}.$cmd.listIndexes.${name}`, firstBatch: batch }, ok: 1 };
};

const dropIndexes: CommandHandler = (cmd, { db, catalog }) => {
  const name = collectionName(cmd, 'dropIndexes');
  const coll = catalog.collection(db, name) ?? fail(26, `ns not found ${db}.${name}`);
  const nIndexesWas = coll.indexes.size;
  const target = cmd.index;
  let names: string[];
  if (target === '*') names = [...coll.indexes.keys()].filter((n) => n !== '_id_');
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (target && typeof target === 'object') {
    const found = [...coll.indexes.values()].find((i) => compareValues(i.spec.key, target) === 0);
    names = [found?.name ?? fail(27, `can't find index with key: ${JSON.stringify(target)}`)];
  } else return fail(14, "BSON field 'dropIndexes.index' is missing but a required field");
  for (const n of names) {
    if (n === '_id_') fail(72, 'cannot drop _id index');
    if (!coll.indexes.has(n)) fail(27, `index not found with name [${n}]`);
  }
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = {
  createindexes: createIndexes,
  listindexes: listIndexes,
  dropindexes: dropIndexes,
  deleteindexes: dropIndexes,
};
