import { Double, Int32, Long, ObjectId, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { serverCounters, useServer } from './helpers';

const server = useServer();

/** A small deterministic generator, so a failing query can be reproduced from its seed. */
function random(seed: number) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, pick };
}

const ids = Array.from({ length: 3 }, () => new ObjectId());
const A_VALUES = [...ids, 'x', 'y', 1, null];
const B_VALUES = ['confirmed', 'waitlisted', 'pending', 2, null, new Int32(2), new Long(3), new Double(2.5)];
const C_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, NaN, -1.5, new Long(4), 'a', new Date(0), null, undefined];

function document(r: ReturnType<typeof random>, arrays: boolean): Document {
  const doc: Document = { _id: new ObjectId(), a: r.pick(A_VALUES), b: r.pick(B_VALUES) };
  const c = r.pick(C_VALUES);
  if (c !== undefined) doc.c = arrays && r.next() < 0.2 ? [c, r.pick(C_VALUES) ?? 9] : c;
  return doc;
}

function condition(r: ReturnType<typeof random>, values: readonly unknown[]): unknown {
  const v = r.pick(values) ?? 3;
  switch (Math.floor(r.next() * 6)) {
    case 0:
      return v;
    case 1:
      return { $in: [v, r.pick(values) ?? null] };
    case 2:
      return { $lt: v };
    case 3:
      return { $gte: v, $lte: r.pick(values) ?? 7 };
    case 4:
      return { $gt: v, $ne: 5 };
    default:
      return { $eq: v };
  }
}

function query(r: ReturnType<typeof random>): Document {
  const filter: Document = {};
  if (r.next() < 0.9) filter.a = condition(r, A_VALUES);
  if (r.next() < 0.7) filter.b = condition(r, B_VALUES);
  if (r.next() < 0.6) filter.c = condition(r, C_VALUES);
  return filter;
}

const sortedIds = (docs: Document[]) => docs.map((d) => (d._id as ObjectId).toHexString()).sort();

describe('index planner', () => {
  it('narrows a compound index on an equality prefix plus a range, and counts from keys alone', async () => {
    const coll = server.db().collection('seats');
    await coll.createIndex({ pool: 1, status: 1, ticket: 1 });
    // A unique index on (pool, code) also leads with pool; it must not be preferred.
    await coll.createIndex({ pool: 1, code: 1 }, { unique: true });
    const pool = new ObjectId();
    await coll.insertMany(
      Array.from({ length: 3000 }, (_, i) => ({
        pool,
        code: `k${i}`,
        status: i < 1000 ? 'confirmed' : 'waitlisted',
        ticket: i < 1000 ? null : i - 999,
      })),
    );
    const filter = { pool, status: 'waitlisted', ticket: { $lt: 51 } };

    let before = await serverCounters(server.client());
    expect(await coll.find(filter).toArray()).toHaveLength(50);
    let after = await serverCounters(server.client());
    expect(after.keysExamined - before.keysExamined).toBe(50);
    expect(after.docsExamined - before.docsExamined).toBe(50);

    before = after;
    expect(await coll.countDocuments(filter)).toBe(50);
    after = await serverCounters(server.client());
    expect(after.keysExamined - before.keysExamined).toBe(50);
    expect(after.docsExamined - before.docsExamined).toBe(0);

    before = after;
    expect(
      (await server.db().command({ count: 'seats', query: { pool, status: { $in: ['confirmed', 'gone'] } } })).n,
    ).toBe(1000);
    after = await serverCounters(server.client());
    expect(after.keysExamined - before.keysExamined).toBe(1000);
    expect(after.docsExamined - before.docsExamined).toBe(0);

    // A condition the bounds cannot express is checked on each document the bounds let through.
    before = after;
    expect(await coll.countDocuments({ ...filter, code: { $ne: 'k1001' } })).toBe(49);
    after = await serverCounters(server.client());
    expect(after.docsExamined - before.docsExamined).toBe(50);
  });

  it('uses a partial index only when the filter implies its condition', async () => {
    const coll = server.db().collection('held');
    const scanned = server.db().collection('held_scanned');
    const active = ['pending', 'confirmed', 'waitlisted'];
    await coll.createIndex(
      { pool: 1, holder: 1 },
      { unique: true, partialFilterExpression: { status: { $in: active } } },
    );
    await coll.createIndex({ seatOp: 1 }, { unique: true, partialFilterExpression: { seatOp: { $type: 'objectId' } } });
    await coll.createIndex({ pool: 1, status: 1, ticket: 1 });
    const pool = new ObjectId();
    const holders = Array.from({ length: 500 }, () => new ObjectId());
    const ops = holders.map(() => new ObjectId());
    // Every holder waits once and has cancelled twice before, so the pool's waitlist is long.
    const docs = holders.flatMap((holder, i) => [
      { _id: new ObjectId(), pool, holder, status: 'waitlisted', ticket: i, seatOp: ops[i] },
      ...[0, 1].map(() => ({ _id: new ObjectId(), pool, holder, status: 'cancelled', ticket: null, seatOp: null })),
    ]);
    await coll.insertMany(docs.map((d) => ({ ...d })));
    await scanned.insertMany(docs.map((d) => ({ ...d })));

    const examined = async (filter: Document) => {
      const before = await serverCounters(server.client());
      const found = sortedIds(await coll.find(filter).toArray());
      const after = await serverCounters(server.client());
      expect(found, JSON.stringify(filter)).toEqual(sortedIds(await scanned.find(filter).toArray()));
      return {
        found: found.length,
        keys: after.keysExamined - before.keysExamined,
        docs: after.docsExamined - before.docsExamined,
      };
    };

    expect(await examined({ pool, holder: holders[7], status: { $in: ['confirmed', 'waitlisted'] } })).toEqual({
      found: 1,
      keys: 1,
      docs: 1,
    });
    expect(await examined({ pool, holder: holders[7], status: 'pending' })).toEqual({ found: 0, keys: 1, docs: 1 });
    expect(await examined({ seatOp: ops[9] })).toEqual({ found: 1, keys: 1, docs: 1 });
    expect(await examined({ seatOp: { $in: [ops[9], ops[10]] } })).toEqual({ found: 2, keys: 2, docs: 2 });

    // Cancelled seats are outside the partial index, so these must not be answered from it.
    expect((await examined({ pool, holder: holders[7], status: { $in: ['waitlisted', 'cancelled'] } })).found).toBe(3);
    expect((await examined({ pool, holder: holders[7] })).found).toBe(3);
    expect((await examined({ seatOp: null })).found).toBe(1000);
    expect((await examined({ seatOp: { $in: [ops[9], null] } })).found).toBe(1001);
  });

  it('returns exactly what a full scan returns through partial indexes', async () => {
    const r = random(11);
    const docs = Array.from({ length: 600 }, () => document(r, true));
    const indexed = server.db().collection('partial_indexed');
    const scanned = server.db().collection('partial_scanned');
    await indexed.createIndex({ a: 1, c: 1 }, { partialFilterExpression: { b: { $in: ['confirmed', 'waitlisted'] } } });
    await indexed.createIndex({ c: 1 }, { partialFilterExpression: { a: { $exists: true } } });
    await indexed.createIndex({ b: 1 }, { partialFilterExpression: { a: { $type: 'objectId' } } });
    await indexed.createIndex({ a: 1 }, { partialFilterExpression: { b: 'pending', c: { $type: 'string' } } });
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await scanned.insertMany(docs.map((d) => ({ ...d })));
    for (let i = 0; i < 200; i++) {
      const filter = query(r);
      const expected = sortedIds(await scanned.find(filter).toArray());
      expect(sortedIds(await indexed.find(filter).toArray()), JSON.stringify(filter)).toEqual(expected);
      expect(await indexed.countDocuments(filter), JSON.stringify(filter)).toBe(expected.length);
    }
  });

  for (const arrays of [false, true]) {
    it(`returns exactly what a full scan returns for random queries and updates${arrays ? ' (multikey)' : ''}`, async () => {
      const r = random(arrays ? 7 : 42);
      const docs = Array.from({ length: 600 }, () => document(r, arrays));
      const indexed = server.db().collection(`indexed_${arrays}`);
      const scanned = server.db().collection(`scanned_${arrays}`);
      await indexed.createIndex({ a: 1, b: 1, c: 1 });
      await indexed.createIndex({ b: 1, c: -1 });
      await indexed.createIndex({ c: 1 }, { sparse: true });
      await indexed.insertMany(docs.map((d) => ({ ...d })));
      await scanned.insertMany(docs.map((d) => ({ ...d })));
      for (let i = 0; i < 150; i++) {
        const filter = query(r);
        const expected = sortedIds(await scanned.find(filter).toArray());
        expect(sortedIds(await indexed.find(filter).toArray()), JSON.stringify(filter)).toEqual(expected);
        expect(await indexed.countDocuments(filter), JSON.stringify(filter)).toBe(expected.length);
        expect((await server.db().command({ count: indexed.collectionName, query: filter })).n).toBe(expected.length);
        // Updates move some documents between keys and leave others' keys as they were.
        const update = { $set: { b: r.pick(B_VALUES), touched: i } };
        await indexed.updateMany(filter, update);
        await scanned.updateMany(filter, update);
      }
    });
  }
});
