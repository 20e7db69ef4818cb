import { Long, MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { serverCounters, useServer } from './helpers';

const server = useServer({ ttlMonitorIntervalMs: 100 });

describe('driver against devdb', () => {
  it('streams a cursor beyond the first batch with getMore', async () => {
    const coll = server.db().collection('cursor');
    await coll.insertMany(Array.from({ length: 1234 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const doc of coll.find({}, { batchSize: 100 }).sort({ i: 1 })) seen.push(doc.i as number);
    expect(seen).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    // The default first batch is 101, the rest comes through getMore.
    const reply = await server.db().command({ find: 'cursor', filter: {} });
    expect(reply.cursor.firstBatch).toHaveLength(101);
    expect(Number(reply.cursor.id)).toBeGreaterThan(0);
    const more = await server.db().command({ getMore: reply.cursor.id, collection: 'cursor' });
    expect(more.cursor.nextBatch).toHaveLength(1234 - 101);
    expect(Number(more.cursor.id)).toBe(0);
    const gone = await server
      .db()
      .command({ getMore: reply.cursor.id, collection: 'cursor' })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('serves an indexed point lookup by examining exactly one document', async () => {
    const coll = server.db().collection('lookup');
    await coll.createIndex({ code: 1 });
    await coll.insertMany(Array.from({ length: 2000 }, (_, i) => ({ code: `c${i}`, n: i })));
    const before = await serverCounters(server.client());
    expect(await coll.findOne({ code: 'c1234' })).toMatchObject({ n: 1234 });
    const after = await serverCounters(server.client());
    expect(after.docsExamined - before.docsExamined).toBe(1);
    expect(after.keysExamined - before.keysExamined).toBe(1);
  });

  it('serves _id lookups and ranges on an index without a scan', async () => {
    const coll = server.db().collection('ranges');
    await coll.createIndex({ n: 1 });
    const docs = Array.from({ length: 1000 }, (_, i) => ({ _id: new ObjectId(), n: i }));
    await coll.insertMany(docs);
    let before = await serverCounters(server.client());
    expect(await coll.findOne({ _id: docs[500]!._id })).toMatchObject({ n: 500 });
    let after = await serverCounters(server.client());
    expect(after.docsExamined - before.docsExamined).toBe(1);
    before = after;
    expect(await coll.countDocuments({ n: { $gte: 100, $lt: 110 } })).toBe(10);
    after = await serverCounters(server.client());
    // The index bounds answer this filter whole, so the count reads keys, not documents.
    expect(after.keysExamined - before.keysExamined).toBe(10);
    expect(after.docsExamined - before.docsExamined).toBe(0);
    // Strings are a different type bracket: no number matches, nothing examined.
    before = after;
    expect(await coll.countDocuments({ n: { $gt: 'a' } })).toBe(0);
    after = await serverCounters(server.client());
    expect(after.docsExamined - before.docsExamined).toBe(0);
  });

  it('answers a transaction with the standalone error (code 20)', async () => {
    const err = await server
      .db()
      .command({
        insert: 'tx',
        documents: [{ a: 1 }],
        txnNumber: Long.fromNumber(1),
        startTransaction: true,
        autocommit: false,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({
      code: 20,
      codeName: 'IllegalOperation',
      message: 'Transaction numbers are only allowed on a replica set member or mongos',
    });
    const session = server.client().startSession();
    try {
      session.startTransaction();
      const viaSession = await server
        .db()
        .collection('tx')
        .insertOne({ a: 1 }, { session })
        .catch((e: unknown) => e);
      // The driver rewrites the server's code 20 into its retryable-writes advice; the original is kept.
      expect(viaSession).toBeInstanceOf(MongoServerError);
      expect((viaSession as { originalError: MongoServerError }).originalError).toMatchObject({
        code: 20,
        codeName: 'IllegalOperation',
      });
    } finally {
      await session.endSession();
    }
    expect(await server.db().collection('tx').countDocuments()).toBe(0);
  });

  it('answers an unknown command with 59 CommandNotFound', async () => {
    const err = await server
      .db()
      .command({ frobnicate: 1 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'" });
  });

  it('expires documents through a TTL index', async () => {
    const coll = server.db().collection('ttl');
    await coll.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await coll.insertMany([
      { name: 'old', expiresAt: new Date(Date.now() - 1000) },
      { name: 'future', expiresAt: new Date(Date.now() + 3_600_000) },
      { name: 'no date', expiresAt: 'not a date' },
      { name: 'missing' },
    ]);
    await expect.poll(() => coll.countDocuments({ name: 'old' }), { timeout: 3000, interval: 50 }).toBe(0);
    expect((await coll.find().sort({ name: 1 }).toArray()).map((d) => d.name)).toEqual([
      'future',
      'missing',
      'no date',
    ]);
    const [spec] = (await coll.listIndexes().toArray()).filter((i) => i.name === 'expiresAt_1');
    expect(spec).toEqual({ v: 2, key: { expiresAt: 1 }, name: 'expiresAt_1', expireAfterSeconds: 0 });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const coll = server.db().collection('dupbuild');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await coll.createIndex({ k: 1 }, { unique: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000 });
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('treats a missing field as null in a unique index unless sparse', async () => {
    const coll = server.db().collection('nulls');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ name: 'a' });
    const err = await coll.insertOne({ name: 'b' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyValue: { email: null } });
    expect((err as Error).message).toContain('dup key: { email: null }');
    const sparse = server.db().collection('sparse');
    await sparse.createIndex({ email: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'a' }, { name: 'b' }]);
    expect(await sparse.countDocuments()).toBe(2);
  });

  it('applies update operators as mongod does', async () => {
    const coll = server.db().collection('updates');
    await coll.insertOne({
      _id: 1 as never,
      n: 1,
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ],
      tags: ['x'],
    });
    await coll.updateOne(
      { _id: 1 as never, 'items.k': 'b' },
      { $inc: { 'items.$.v': 10, n: Long.fromNumber(5) }, $addToSet: { tags: 'y' } },
    );
    await coll.updateOne(
      { _id: 1 as never },
      { $set: { 'items.$[e].seen': true } },
      { arrayFilters: [{ 'e.v': { $gt: 5 } }] },
    );
    expect(await coll.findOne({ _id: 1 as never })).toEqual({
      _id: 1,
      n: 6,
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 12, seen: true },
      ],
      tags: ['x', 'y'],
    });
    const immutable = await coll.updateOne({ _id: 1 as never }, { $set: { _id: 2 } }).catch((e: unknown) => e);
    // Write errors carry a code but, as from mongod, no codeName.
    expect(immutable).toMatchObject({
      code: 66,
      message: "Performing an update on the path '_id' would modify the immutable field '_id'",
    });
    const nonNumeric = await coll.updateOne({ _id: 1 as never }, { $inc: { tags: 1 } }).catch((e: unknown) => e);
    expect(nonNumeric).toMatchObject({
      code: 14,
      message:
        "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'tags' of non-numeric type array",
    });
    const conflict = await coll
      .updateOne({ _id: 1 as never }, { $set: { n: 1 }, $inc: { n: 1 } })
      .catch((e: unknown) => e);
    expect(conflict).toMatchObject({ code: 40, message: "Updating the path 'n' would create a conflict at 'n'" });
    const notViable = await coll.updateOne({ _id: 1 as never }, { $set: { 'n.deeper': 1 } }).catch((e: unknown) => e);
    expect(notViable).toMatchObject({ code: 28, message: "Cannot create field 'deeper' in element {n: 6}" });
    const upserted = await coll.updateOne({ _id: 7 as never, 'a.b': 'seed' }, { $set: { c: 1 } }, { upsert: true });
    expect(upserted.upsertedId).toBe(7);
    expect(await coll.findOne({ _id: 7 as never })).toEqual({ _id: 7, a: { b: 'seed' }, c: 1 });
  });

  it('sorts across BSON types in MongoDB order and arrays by their extreme element', async () => {
    const coll = server.db().collection('order');
    const oid = new ObjectId();
    const when = new Date(0);
    await coll.insertMany([
      { _id: 1 as never, v: when },
      { _id: 2 as never, v: oid },
      { _id: 3 as never, v: 'text' },
      { _id: 4 as never, v: 10 },
      { _id: 5 as never, v: null },
      { _id: 6 as never, v: true },
      { _id: 7 as never, v: { a: 1 } },
      { _id: 8 as never },
    ]);
    const asc = await coll.find().sort({ v: 1, _id: 1 }).toArray();
    expect(asc.map((d) => d._id)).toEqual([5, 8, 4, 3, 7, 2, 6, 1]);
    const arrays = server.db().collection('arrays');
    await arrays.insertMany([
      { _id: 'wide' as never, v: [1, 9] },
      { _id: 'mid' as never, v: 5 },
      { _id: 'low' as never, v: [0, 3] },
    ]);
    expect((await arrays.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['low', 'wide', 'mid']);
    expect((await arrays.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(['wide', 'mid', 'low']);
    expect((await arrays.aggregate([{ $sort: { v: -1 } }]).toArray()).map((d) => d._id)).toEqual([
      'wide',
      'mid',
      'low',
    ]);
  });

  it('compares embedded documents with key order and finds ObjectIds by $type', async () => {
    const coll = server.db().collection('embedded');
    const id = new ObjectId();
    await coll.insertMany([
      { _id: 1 as never, p: { a: 1, b: 2 }, ref: id },
      { _id: 2 as never, p: { b: 2, a: 1 }, ref: 'x' },
    ]);
    expect((await coll.find({ p: { a: 1, b: 2 } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await coll.find({ ref: { $type: 'objectId' } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect(await coll.countDocuments({ ref: id })).toBe(1);
  });

  it('validates documents against a collection validator unless bypassed', async () => {
    const db = server.db();
    await db.createCollection('validated', { validator: { qty: { $type: 'int', $gte: 0 } } });
    const coll = db.collection('validated');
    await coll.insertOne({ _id: 1 as never, qty: 3 });
    const err = await coll.insertOne({ _id: 2 as never, qty: -1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 121, message: 'Document failed validation', errInfo: { failingDocumentId: 2 } });
    await expect(coll.updateOne({ _id: 1 as never }, { $set: { qty: 'many' } })).rejects.toMatchObject({ code: 121 });
    await coll.insertOne({ _id: 3 as never, qty: -1 }, { bypassDocumentValidation: true });
    await db.command({ collMod: 'validated', validationLevel: 'moderate' });
    await coll.updateOne({ _id: 3 as never }, { $set: { qty: -2 } });
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d.qty)).toEqual([3, -2]);
  });

  it('counts numbers of different BSON types as equal values', async () => {
    const coll = server.db().collection('numbers');
    await coll.insertMany([
      { _id: 1 as never, n: Long.fromNumber(5) },
      { _id: 2 as never, n: 5.5 },
      { _id: 3 as never, n: 5 },
    ]);
    expect(await coll.countDocuments({ n: 5 })).toBe(2);
    expect(await coll.countDocuments({ n: { $gt: Long.fromNumber(5) } })).toBe(1);
    await coll.updateOne({ _id: 1 as never }, { $inc: { n: 1 } });
    expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, n: 6 });
  });
});
