import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevDb } from '../src/index';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devdb-storage-'));
  dirs.push(dir);
  return dir;
}

async function withServer<T>(
  dbPath: string,
  run: (client: MongoClient) => Promise<T>,
  journalCompactBytes?: number,
): Promise<T> {
  const server = await startDevDb({ dbPath, journalCompactBytes });
  const client = await MongoClient.connect(server.uri);
  try {
    return await run(client);
  } finally {
    await client.close();
    await server.stop();
  }
}

describe('data directory', () => {
  it('restores collections, indexes, updates and deletes after compaction into snapshots', async () => {
    const dir = tempDir();
    await withServer(
      dir,
      async (client) => {
        const coll = client.db('app').collection('items');
        await coll.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
        for (let round = 0; round < 20; round++) {
          await coll.insertMany(
            Array.from({ length: 50 }, (_, i) => ({ sku: `r${round}-${i}`, qty: i, pad: 'x'.repeat(200) })),
          );
        }
        await coll.updateMany({ qty: { $lt: 10 } }, { $inc: { qty: 1000 } });
        await coll.deleteMany({ qty: { $gte: 40, $lt: 1000 } });
        await client.db('app').collection('gone').insertOne({ a: 1 });
        await client.db('app').collection('gone').drop();
      },
      64 * 1024,
    );
    const files = fs.readdirSync(dir).sort();
    expect(files).toContain('snapshot.bson');
    const journals = files.filter((f) => /^journal\.\d+\.bson$/.test(f));
    expect(journals).toHaveLength(1);
    expect(Number(/\d+/.exec(journals[0]!)![0])).toBeGreaterThan(0);

    await withServer(dir, async (client) => {
      const coll = client.db('app').collection('items');
      expect(await coll.countDocuments()).toBe(20 * 40);
      expect(await coll.countDocuments({ qty: { $gte: 1000 } })).toBe(20 * 10);
      expect((await coll.listIndexes().toArray()).map((i) => [i.name, i.unique ?? false])).toEqual([
        ['_id_', false],
        ['sku_unique', true],
      ]);
      await expect(coll.insertOne({ sku: 'r3-5' })).rejects.toMatchObject({ code: 11000 });
      expect((await client.db('app').listCollections().toArray()).map((c) => c.name)).toEqual(['items']);
    });
  });

  it('ignores a torn record at the end of the journal', async () => {
    const dir = tempDir();
    await withServer(dir, async (client) => {
      await client
        .db('app')
        .collection('t')
        .insertMany([{ n: 1 }, { n: 2 }]);
    });
    const journal = path.join(dir, 'journal.0.bson');
    fs.appendFileSync(journal, Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    await withServer(dir, async (client) => {
      expect(await client.db('app').collection('t').countDocuments()).toBe(2);
      await client.db('app').collection('t').insertOne({ n: 3 });
    });
    await withServer(dir, async (client) => {
      expect((await client.db('app').collection('t').find().sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual([
        1, 2, 3,
      ]);
    });
  });

  it('refuses a second server on a data directory in use', async () => {
    const dir = tempDir();
    const first = await startDevDb({ dbPath: dir });
    try {
      await expect(startDevDb({ dbPath: dir })).rejects.toThrow(/is in use/);
    } finally {
      await first.stop();
    }
    const again = await startDevDb({ dbPath: dir });
    await again.stop();
  });
});
