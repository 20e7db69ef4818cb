import { describe, expect, it } from 'vitest';
import { useServer } from './helpers';

const server = useServer();

// What mongod 7.0 stores for the plain updates an application's hot paths send ($set, $unset,
// $push on dotted paths), key order included, and the refusals around them. JSON.stringify is
// used because it keeps the key order toEqual ignores.
describe('plain update paths', () => {
  const coll = () => server.db().collection<{ _id: number; [field: string]: unknown }>('update_paths');
  // The driver's types refuse pushes onto fields they cannot see are arrays; these tests send
  // such updates on purpose.
  const update = (_id: number, u: object) => coll().updateOne({ _id }, u as never);
  const stored = async (_id: number) => JSON.stringify(await coll().findOne({ _id }));

  it('creates missing parents and appends new fields in name order, numeric names numerically', async () => {
    await coll().insertOne({ _id: 1, a: 1, q: 'gone' });
    await update(1, {
      $set: { z: 1, b: 1, 'm.y': 1, 'm.c': 2, a: 2, 'n.10': 'ten', 'n.9': 'nine' },
      $unset: { q: '' },
      $push: { k: 3 },
    });
    expect(await stored(1)).toBe('{"_id":1,"a":2,"b":1,"k":[3],"m":{"c":2,"y":1},"n":{"9":"nine","10":"ten"},"z":1}');
  });

  it('pushes onto an existing array, unsets under a missing parent as a no-op, and keeps existing positions', async () => {
    await coll().insertOne({ _id: 2, list: [1], inner: { x: 1, y: 2 }, tail: true });
    const result = await update(2, {
      $push: { list: { at: 2 } },
      $unset: { 'missing.deep': 1 },
      $set: { 'inner.x': 9 },
    });
    expect(result.modifiedCount).toBe(1);
    expect(await stored(2)).toBe('{"_id":2,"list":[1,{"at":2}],"inner":{"x":9,"y":2},"tail":true}');
  });

  it('counts a $set of the value already there as matched, not modified', async () => {
    await coll().insertOne({ _id: 3, s: { v: 1 } });
    const result = await update(3, { $set: { 's.v': 1 } });
    expect([result.matchedCount, result.modifiedCount]).toEqual([1, 0]);
  });

  it('refuses conflicting paths, a $push onto a non-array and a field under a scalar, changing nothing', async () => {
    await coll().insertOne({ _id: 4, a: { b: 1 }, s: 'text' });
    await expect(update(4, { $set: { a: 1, 'a.b': 2 } })).rejects.toMatchObject({ code: 40 });
    await expect(update(4, { $set: { c: 1 }, $unset: { c: 1 } })).rejects.toMatchObject({
      code: 40,
    });
    await expect(update(4, { $push: { s: 1 } })).rejects.toMatchObject({ code: 2 });
    await expect(update(4, { $set: { 's.x': 1 } })).rejects.toMatchObject({ code: 28 });
    expect(await stored(4)).toBe('{"_id":4,"a":{"b":1},"s":"text"}');
  });

  it('sets through an array element by index', async () => {
    await coll().insertOne({ _id: 5, items: [{ n: 1 }, { n: 2 }] });
    await update(5, { $set: { 'items.1.n': 20, 'items.0.m': 'new' } });
    expect(await stored(5)).toBe('{"_id":5,"items":[{"n":1,"m":"new"},{"n":20}]}');
  });

  it('returns the updated document from findOneAndUpdate with a $set and an $inc together', async () => {
    await coll().insertOne({ _id: 6, booked: 1, journal: [] });
    const after = await coll().findOneAndUpdate(
      { _id: 6 },
      { $inc: { booked: 1 }, $push: { journal: { op: 'a' } }, $set: { 'meta.at': 1 } } as never,
      { returnDocument: 'after' },
    );
    expect(JSON.stringify(after)).toBe('{"_id":6,"booked":2,"journal":[{"op":"a"}],"meta":{"at":1}}');
  });
});
