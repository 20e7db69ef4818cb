// `pnpm bench devdb [--quick]`: loads small documents with a secondary index into an in-process
// devdb and measures, through the official driver, insert and indexed point-lookup rates against
// a bare `ping` round trip in the same run. Prints one JSON line.
import { MongoClient } from 'mongodb';
import { startDevDb } from '@warmcity/devdb';

const quick = process.argv.includes('--quick');
const DOCS = quick ? 50_000 : 1_000_000;
const BATCH = 1_000;
const INSERT_CONCURRENCY = 4;
const LOOKUP_CONCURRENCY = 16;
const MEASURE_MS = quick ? 2_000 : 5_000;

/** Runs `op` from `concurrency` loops for `ms` milliseconds; returns completed operations per second. */
async function rate(
  op: (i: number) => Promise<unknown>,
  concurrency: number,
  ms: number,
): Promise<{ perSec: number; count: number }> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await op(count++);
    }),
  );
  return { perSec: Math.round(count / ((performance.now() - start) / 1000)), count };
}

async function examined(client: MongoClient): Promise<{ docs: number; keys: number }> {
  const s = await client.db('admin').command({ serverStatus: 1 });
  return { docs: Number(s.metrics.queryExecutor.scannedObjects), keys: Number(s.metrics.queryExecutor.scanned) };
}

const server = await startDevDb();
const client = await MongoClient.connect(server.uri, { maxPoolSize: 32 });
try {
  const coll = client.db('bench').collection('people');
  await coll.createIndex({ k: 1 });

  let next = 0;
  const loadStart = performance.now();
  await Promise.all(
    Array.from({ length: INSERT_CONCURRENCY }, async () => {
      while (next < DOCS) {
        const from = next;
        next += BATCH;
        const docs = Array.from({ length: Math.min(BATCH, DOCS - from) }, (_, j) => ({
          k: from + j,
          name: `user${from + j}`,
          group: (from + j) % 100,
        }));
        await coll.insertMany(docs, { ordered: false });
      }
    }),
  );
  const insertsPerSec = Math.round(DOCS / ((performance.now() - loadStart) / 1000));
  const rssMbAfterLoad = Math.round(process.memoryUsage().rss / 2 ** 20);

  const ping = await rate(() => client.db('admin').command({ ping: 1 }), LOOKUP_CONCURRENCY, MEASURE_MS);
  const before = await examined(client);
  const lookups = await rate(
    async () => {
      const k = Math.floor(Math.random() * DOCS);
      const doc = await coll.findOne({ k });
      if (doc?.k !== k) throw new Error(`lookup of k=${k} returned ${JSON.stringify(doc)}`);
    },
    LOOKUP_CONCURRENCY,
    MEASURE_MS,
  );
  const after = await examined(client);

  console.log(
    JSON.stringify({
      scenario: 'devdb',
      quick,
      docs: await coll.estimatedDocumentCount(),
      insertsPerSec,
      pointLookupsPerSec: lookups.perSec,
      docsExaminedPerLookup: (after.docs - before.docs) / lookups.count,
      keysExaminedPerLookup: (after.keys - before.keys) / lookups.count,
      rssMbAfterLoad,
      pingPerSec: ping.perSec,
      lookupToPingRatio: Number((lookups.perSec / ping.perSec).toFixed(2)),
    }),
  );
} finally {
  await client.close();
  await server.stop();
}
