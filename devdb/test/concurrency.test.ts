import { MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers';

const server = useServer();

describe('concurrent writes', () => {
  it('500 parallel guarded $inc at capacity 100 → exactly 100 succeed', async () => {
    const coll = server.db().collection<{ _id: ObjectId; booked: number }>('sessions');
    const _id = new ObjectId();
    await coll.insertOne({ _id, booked: 0 });
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        coll.findOneAndUpdate({ _id, booked: { $lt: 100 } }, { $inc: { booked: 1 } }, { returnDocument: 'after' }),
      ),
    );
    const succeeded = results.filter((r) => r !== null);
    expect(succeeded).toHaveLength(100);
    expect(new Set(succeeded.map((r) => r!.booked)).size).toBe(100);
    expect((await coll.findOne({ _id }))!.booked).toBe(100);
  });

  it('500 parallel inserts racing on a unique key → exactly one succeeds', async () => {
    const coll = server.db().collection('seats');
    await coll.createIndex({ slot: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) => coll.insertOne({ slot: 'A-1', by: i })),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(499);
    expect(failed.every((f) => f.reason instanceof MongoServerError && f.reason.code === 11000)).toBe(true);
    expect(await coll.countDocuments({ slot: 'A-1' })).toBe(1);
  });
});
