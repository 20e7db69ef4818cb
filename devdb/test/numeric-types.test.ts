import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decimal128, Double, Int32, Long, MongoClient, ObjectId, type Document } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevDb } from '../src/index';
import { serverCounters, useServer } from './helpers';

const server = useServer();

// With promoteValues off the driver hands back each number as its BSON class, so the class
// names are the stored types: Int32 (int), Long (int64), Double, Decimal128.
const raw = { promoteValues: false } as const;

function typeOf(v: unknown): string {
  return (v as { _bsontype?: string })?._bsontype ?? typeof v;
}

function types(doc: Document | null): Record<string, string> {
  return Object.fromEntries(
    Object.entries(doc ?? {})
      .filter(([k]) => k !== '_id')
      .map(([k, v]) => [k, typeOf(v)]),
  );
}

// Documents here use numbers and strings as _id.

type Doc = { _id: number | string | ObjectId; [field: string]: any };

async function fresh(name: string) {
  const coll = server.db().collection<Doc>(name);
  await coll.deleteMany({});
  return coll;
}

describe('BSON number types', () => {
  it('keeps int32, int64, double and Decimal128 as stored, even when they hold the same value', async () => {
    const coll = await fresh('stored');
    await coll.insertOne({
      _id: 1,
      i: 1,
      l: Long.fromNumber(1),
      d: new Double(1),
      x: 1.5,
      dec: Decimal128.fromString('1'),
      big: Long.fromString('9007199254740993'),
    });
    const doc = await coll.findOne({ _id: 1 }, raw);
    expect(types(doc)).toEqual({ i: 'Int32', l: 'Long', d: 'Double', x: 'Double', dec: 'Decimal128', big: 'Long' });
    expect(String(doc!.big)).toBe('9007199254740993');
    const bigints = await coll.findOne({ _id: 1 }, { useBigInt64: true });
    expect(bigints).toMatchObject({ i: 1, l: 1n, d: 1, big: 9007199254740993n });
  });

  it('matches $type by the stored type and reports it from aggregation $type', async () => {
    const coll = await fresh('types');
    await coll.insertMany([
      { _id: 'int', v: 1 },
      { _id: 'long', v: Long.fromNumber(1) },
      { _id: 'double', v: new Double(1) },
      { _id: 'decimal', v: Decimal128.fromString('1') },
    ]);
    const ids = async (filter: Document) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ v: { $type: 'double' } })).toEqual(['double']);
    expect(await ids({ v: { $type: 'int' } })).toEqual(['int']);
    expect(await ids({ v: { $type: 'long' } })).toEqual(['long']);
    expect(await ids({ v: { $type: 'decimal' } })).toEqual(['decimal']);
    expect(await ids({ v: { $type: 'number' } })).toEqual(['decimal', 'double', 'int', 'long']);
    expect(await ids({ v: 1 })).toEqual(['decimal', 'double', 'int', 'long']);
    const reported = await coll.aggregate([{ $project: { t: { $type: '$v' } } }, { $sort: { _id: 1 } }]).toArray();
    expect(reported.map((d) => [d._id, d.t])).toEqual([
      ['decimal', 'decimal'],
      ['double', 'double'],
      ['int', 'int'],
      ['long', 'long'],
    ]);
  });

  it('applies mongod arithmetic types in $inc and $mul', async () => {
    const coll = await fresh('arith');
    await coll.insertOne({
      _id: 1,
      a: 1,
      b: 2147483647,
      c: Long.fromNumber(5),
      d: 1,
      e: 2,
      f: Long.fromNumber(3),
      g: 1,
    });
    await coll.updateOne(
      { _id: 1 },
      {
        $inc: { a: new Double(1), b: 1, c: 1, d: Decimal128.fromString('0.5'), missing: Long.fromNumber(7) },
        $mul: { e: new Double(1), f: 2, zero: Long.fromNumber(4) },
      },
    );
    const doc = await coll.findOne({ _id: 1 }, raw);
    expect(types(doc)).toEqual({
      a: 'Double',
      b: 'Long',
      c: 'Long',
      d: 'Decimal128',
      e: 'Double',
      f: 'Long',
      g: 'Int32',
      missing: 'Long',
      zero: 'Long',
    });
    expect([doc!.a, doc!.b, doc!.c, doc!.d, doc!.e, doc!.f, doc!.missing, doc!.zero].map(String)).toEqual([
      '2',
      '2147483648',
      '6',
      '1.5',
      '2',
      '6',
      '7',
      '0',
    ]);
    // A Long incremented past 2^53 stays exact.
    await coll.updateOne({ _id: 1 }, { $set: { c: Long.fromString('9007199254740992') } });
    await coll.updateOne({ _id: 1 }, { $inc: { c: 1 } });
    expect(String((await coll.findOne({ _id: 1 }, raw))!.c)).toBe('9007199254740993');
  });

  it('keeps the operand type from $min/$max only when it wins, comparing numerically', async () => {
    const coll = await fresh('minmax');
    await coll.insertOne({ _id: 1, lo: 5, hi: 5, same: Long.fromNumber(5) });
    await coll.updateOne(
      { _id: 1 },
      { $min: { lo: Long.fromNumber(3), same: new Double(5) }, $max: { hi: new Double(4) } },
    );
    const doc = await coll.findOne({ _id: 1 }, raw);
    expect(types(doc)).toEqual({ lo: 'Long', hi: 'Int32', same: 'Long' });
    expect(Number(doc!.lo)).toBe(3);
  });

  it('keeps types through upserts, findAndModify, positional updates and $set', async () => {
    const coll = await fresh('writes');
    await coll.updateOne(
      { k: Long.fromNumber(1) },
      { $setOnInsert: { d: new Double(2) }, $inc: { n: Long.fromNumber(1) } },
      { upsert: true },
    );
    expect(types(await coll.findOne({ k: 1 }, { ...raw, projection: { _id: 0 } }))).toEqual({
      k: 'Long',
      d: 'Double',
      n: 'Long',
    });
    const after = await coll.findOneAndUpdate(
      { k: 1 },
      { $inc: { n: 1 }, $set: { s: new Double(3) } },
      { ...raw, returnDocument: 'after', projection: { _id: 0 } },
    );
    expect(types(after)).toEqual({ k: 'Long', d: 'Double', n: 'Long', s: 'Double' });
    await coll.insertOne({ _id: 'arr', xs: [{ v: 1 }, { v: 2 }] });
    await coll.updateOne({ _id: 'arr' }, { $inc: { 'xs.$[].v': new Double(1) } });
    await coll.updateOne({ _id: 'arr', 'xs.v': 3 }, { $mul: { 'xs.$.v': Long.fromNumber(2) } });
    const arr = await coll.findOne({ _id: 'arr' }, raw);
    expect(arr!.xs.map((x: Document) => [typeOf(x.v), Number(x.v)])).toEqual([
      ['Double', 2],
      ['Double', 6],
    ]);
  });

  it('refuses $inc on a non-number reached through a positional path', async () => {
    const coll = await fresh('nonnumeric');
    await coll.insertOne({ _id: 1, xs: [1, 'two'] });
    await expect(coll.updateOne({ _id: 1 }, { $inc: { 'xs.$[]': 1 } })).rejects.toMatchObject({ code: 14 });
    expect((await coll.findOne({ _id: 1 }))!.xs).toEqual([1, 'two']);
  });

  it('sorts, ranges and looks up through an index across numeric types', async () => {
    const coll = await fresh('mixed');
    await coll.createIndex({ n: 1 });
    await coll.insertMany([
      { _id: 'int1', n: 1 },
      { _id: 'double1', n: new Double(1) },
      { _id: 'long2', n: Long.fromNumber(2) },
      { _id: 'frac', n: 1.5 },
      { _id: 'dec', n: Decimal128.fromString('2.5') },
      { _id: 'long3', n: Long.fromNumber(3) },
      { _id: 'str', n: '1' },
    ]);
    const ids = async (filter: Document) =>
      (await coll.find(filter).sort({ n: 1, _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({})).toEqual(['double1', 'int1', 'frac', 'long2', 'dec', 'long3', 'str']);
    const before = await serverCounters(server.client());
    expect(await ids({ n: Long.fromNumber(1) })).toEqual(['double1', 'int1']);
    expect(await ids({ n: { $gte: new Int32(2), $lt: new Double(3) } })).toEqual(['long2', 'dec']);
    expect(await ids({ n: { $in: [new Double(3), 1.5] } })).toEqual(['frac', 'long3']);
    const after = await serverCounters(server.client());
    if (!process.env.MONGODB_URI) expect(after.docsExamined - before.docsExamined).toBe(6);
    const desc = await coll
      .find({ n: { $type: 'number' } })
      .sort({ n: -1, _id: 1 })
      .toArray();
    expect(desc.map((d) => d._id)).toEqual(['long3', 'dec', 'long2', 'frac', 'double1', 'int1']);
  });

  it('computes aggregation arithmetic with mongod result types', async () => {
    const coll = await fresh('agg');
    await coll.insertMany([
      { _id: 1, g: 'a', v: Long.fromNumber(2), w: 2147483647 },
      { _id: 2, g: 'a', v: Long.fromNumber(3), w: 1 },
    ]);
    const [group] = await coll
      .aggregate([{ $group: { _id: '$g', longs: { $sum: '$v' }, ints: { $sum: '$w' }, mean: { $avg: '$v' } } }], raw)
      .toArray();
    expect(types(group!)).toEqual({ longs: 'Long', ints: 'Long', mean: 'Double' });
    expect([group!.longs, group!.ints, group!.mean].map(String)).toEqual(['5', '2147483648', '2.5']);
    const projected = await coll
      .aggregate(
        [
          { $sort: { w: 1 } },
          {
            $project: { _id: 0, v: 1, sum: { $add: ['$v', 1] }, half: { $divide: ['$v', 1] }, big: { $gt: ['$v', 2] } },
          },
        ],
        raw,
      )
      .toArray();
    expect(projected.map(types)).toEqual([
      { v: 'Long', sum: 'Long', half: 'Double', big: 'boolean' },
      { v: 'Long', sum: 'Long', half: 'Double', big: 'boolean' },
    ]);
    expect(projected.map((d) => d.big)).toEqual([true, false]);
  });

  it('lets an upsert choose _id through $setOnInsert', async () => {
    const coll = await fresh('upsert-id');
    const id = new ObjectId();
    const result = await coll.updateOne({ a: 1 }, { $setOnInsert: { _id: id } }, { upsert: true });
    expect(result.upsertedId).toEqual(id);
    expect(await coll.find().toArray()).toEqual([{ _id: id, a: 1 }]);
    // On a match $setOnInsert does nothing, so it does not touch the immutable _id.
    const again = await coll.updateOne({ a: 1 }, { $setOnInsert: { _id: new ObjectId() } }, { upsert: true });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
  });
});

describe('BSON number types in the data directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devdb-numbers-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function withServer<T>(run: (client: MongoClient) => Promise<T>, journalCompactBytes?: number): Promise<T> {
    const db = await startDevDb({ dbPath: dir, journalCompactBytes });
    const client = await MongoClient.connect(db.uri);
    try {
      return await run(client);
    } finally {
      await client.close();
      await db.stop();
    }
  }

  it('keeps the types through the journal and a snapshot', async () => {
    const doc = { _id: 1, i: 1, l: Long.fromNumber(1), d: new Double(1), dec: Decimal128.fromString('1') };
    await withServer(async (client) => {
      await client.db('app').collection<Doc>('n').insertOne(doc);
      await client
        .db('app')
        .collection<Doc>('n')
        .updateOne({ _id: 1 }, { $inc: { l: 1, d: 1 } });
    });
    // Replayed from the journal; the next write is over journalCompactBytes and compacts into a snapshot.
    const journaled = await withServer(async (client) => {
      await client.db('app').collection<Doc>('n').insertOne({ _id: 2 });
      return client.db('app').collection<Doc>('n').findOne({ _id: 1 }, raw);
    }, 1);
    expect(types(journaled)).toEqual({ i: 'Int32', l: 'Long', d: 'Double', dec: 'Decimal128' });
    const snapshotted = await withServer((client) => client.db('app').collection<Doc>('n').findOne({ _id: 1 }, raw));
    expect(types(snapshotted)).toEqual({ i: 'Int32', l: 'Long', d: 'Double', dec: 'Decimal128' });
    expect([snapshotted!.l, snapshotted!.d].map(String)).toEqual(['2', '2']);
  });
});
