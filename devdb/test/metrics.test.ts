import { describe, expect, it } from 'vitest';
import { serverCounters, useServer } from './helpers';

const server = useServer();

describe('serverStatus metrics.document.returned', () => {
  it('counts the documents find, getMore and aggregate send back, not those they pass over', async () => {
    const coll = server.db().collection('returned_metrics');
    await coll.insertMany(Array.from({ length: 6 }, (_, i) => ({ i, even: i % 2 === 0 })));
    const before = await serverCounters(server.client());
    // Three matches in batches of two: a first batch of 2, then a getMore of 1.
    expect(await coll.find({ even: true }, { batchSize: 2 }).toArray()).toHaveLength(3);
    const afterFind = await serverCounters(server.client());
    expect(afterFind.docsReturned - before.docsReturned).toBe(3);
    expect(await coll.aggregate([{ $match: { i: { $gte: 4 } } }]).toArray()).toHaveLength(2);
    const afterAggregate = await serverCounters(server.client());
    expect(afterAggregate.docsReturned - afterFind.docsReturned).toBe(2);
  });
});
