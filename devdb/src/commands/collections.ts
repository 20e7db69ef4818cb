import { calculateObjectSize } from 'bson';
import { fail } from '../errors';
import { compileFilter } from '../query/filter';
import type { CommandHandler } from './context';
import { collectionName } from './args';

const listDatabases: CommandHandler = (cmd, { catalog }) => {
  const filter = compileFilter(cmd.filter);
  const databases = [...catalog.databases.entries()]
    .map(([name, colls]) => {
      let size = 0;
      for (const c of colls.values()) for (const d of c.docs.values()) size += calculateObjectSize(d);
      return { name, sizeOnDisk: size, empty: size === 0 };
    })
    .filter((d) => filter(d));
  if (cmd.nameOnly) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  return { databases, totalSize: databases.reduce((n, d) => n + d.sizeOnDisk, 0), totalSizeMb: 0, ok: 1 };
};

const listCollections: CommandHandler = (cmd, { db, catalog, cursors }) => {
  const filter = compileFilter(cmd.filter);
  const infos = [...(catalog.databases.get(db)?.values() ?? [])]
    .map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false, uuid: c.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }))
    .filter((c) => filter(c))
    .map((c) => (cmd.nameOnly ? { name: c.name, type: c.type } : c));
  const { batch, id } = cursors.start(`${db}.$cmd.listCollections`, infos, cmd.cursor?.batchSize, false);
  return { cursor: { id, ns: `${db}.$cmd.listCollections`, firstBatch: batch }, ok: 1 };
};

const create: CommandHandler = (cmd, { db, catalog }) => {
  const name = collectionName(cmd, 'create');
  const { create: _c, $db: _d, lsid: _l, $readPreference: _r, writeConcern: _w, ...options } = cmd;
  catalog.createCollection(db, name, options);
  return { ok: 1 };
};

const drop: CommandHandler = (cmd, { db, catalog }) => {
  const name = collectionName(cmd, 'drop');
  const coll = catalog.collection(db, name);
  // mongod 7 answers a drop of a missing collection with ok: 1.
  if (!coll) return { ok: 1 };
  const nIndexesWas = coll.indexes.size;
  catalog.dropCollection(db, name);
  return { nIndexesWas, ns: coll.ns, ok: 1 };
};

const dropDatabase: CommandHandler = (_cmd, { db, catalog }) => {
  catalog.dropDatabase(db);
  return { dropped: db, ok: 1 };
};

const dbStats: CommandHandler = (_cmd, { db, catalog }) => {
  const colls = [...(catalog.databases.get(db)?.values() ?? [])];
  const objects = colls.reduce((n, c) => n + c.docs.size, 0);
  return {
    db,
    collections: colls.length,
    views: 0,
    objects,
    indexes: colls.reduce((n, c) => n + c.indexes.size, 0),
    ok: 1,
  };
};

const renameCollection: CommandHandler = (cmd, { catalog }) => {
  const [fromDb, ...fromRest] = String(cmd.renameCollection).split('.');
  const [toDb, ...toRest] = String(cmd.to).split('.');
  const from = catalog.collection(fromDb!, fromRest.join('.'));
  if (!from) return fail(26, 'Source collection does not exist');
  if (catalog.collection(toDb!, toRest.join('.'))) {
    if (!cmd.dropTarget) return fail(48, 'target namespace exists');
    catalog.dropCollection(toDb!, toRest.join('.'));
  }
  const to = catalog.createCollection(toDb!, toRest.join('.'), from.options);
  for (const index of from.indexes.values()) if (index.name !== '_id_') to.createIndex(index.spec);
  for (const doc of from.docs.values()) to.insert(doc);
  catalog.dropCollection(fromDb!, fromRest.join('.'));
  return { ok: 1 };
};

const VALIDATION_OPTIONS = ['validator', 'validationLevel', 'validationAction'] as const;

const collMod: CommandHandler = (cmd, { db, catalog }) => {
  const name = collectionName(cmd, 'collMod');
  const coll = catalog.collection(db, name) ?? fail(26, `ns does not exist: ${db}.${name}`);
  const options = { ...coll.options };
  for (const option of VALIDATION_OPTIONS) if (cmd[option] !== undefined) options[option] = cmd[option];
  coll.setOptions(options);
  return { ok: 1 };
};

export const collectionCommands: Record<string, CommandHandler> = {
  collmod: collMod,
  listdatabases: listDatabases,
  listcollections: listCollections,
  create,
  drop,
  dropdatabase: dropDatabase,
  dbstats: dbStats,
  renamecollection: renameCollection,
};
