// `pnpm bench soak [--quick]`: the mixed load (support/mixed-load.ts) kept up for ten minutes (60 s
// with --quick), the BFF and devdb each sampling their RSS, heap and event-loop delay every few
// seconds (support/sampler.ts). Prints one JSON line: the load's figures, a summary of each
// series, whether any keeps growing after the warm-up, and the mixed load's invariants afterwards.
// Not in the default `pnpm bench` list: it is long, and run on its own.
import mongoose from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { warm } from './support/burst';
import { mixedInvariants, mixedLoad, seedMixedWorld } from './support/mixed-load';
import { keepsGrowing, median, summary, type Sample } from './support/sampler';
import { benchJwt as jwt, samplesOf, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 60 : 600;
const SAMPLE_MS = quick ? 2000 : 5000;
const CONCURRENCY = 100;
const RESIDENTS = 5000;
// Requests per burst; each burst is answered in full before the next, a few seconds each.
const CHUNK = 1000;

/** A process's series, summarised, with the growth verdicts on its memory. */
function figures(samples: readonly Sample[]) {
  const rss = samples.map((s) => s.rss_mb);
  const heap = samples.map((s) => s.heap_mb);
  const delays = samples.map((s) => s.loop_p99_ms);
  return {
    rss_mb: summary(rss),
    heap_mb: summary(heap),
    loop_delay_p99_ms: { median: median(delays), max: delays.length === 0 ? 0 : Math.max(...delays) },
    growth: { rss: keepsGrowing(rss), heap: keepsGrowing(heap) },
  };
}

/**
 * devdb's heap in KB per document it holds, at each of its samples (paired with the count taken
 * nearest in time): flat or falling while the heap grows means the growth is the data; rising
 * means memory grows faster than what is stored.
 */
function perObject(samples: readonly Sample[], counts: readonly { at: number; objects: number }[]) {
  if (counts.length === 0) return [];
  return samples.map((sample) => {
    const nearest = counts.reduce((best, count) =>
      Math.abs(count.at - sample.at) < Math.abs(best.at - sample.at) ? count : best,
    );
    return Number(((sample.heap_mb * 1024) / Math.max(1, nearest.objects)).toFixed(2));
  });
}

try {
  const sampling = { BENCH_SAMPLE_MS: String(SAMPLE_MS) };
  const dbUri = await serve('db', sampling);
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const env = { ...jwt, NODE_ENV: 'test', MONGODB_URI: mongoUri };
  const bffUrl = await serve('bff', { ...env, ...sampling });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const world = await seedMixedWorld(connection, loadConfig({ ...process.env, ...env }));
  // devdb keeps every document in memory, so its RSS follows the data the load writes: the
  // document count says how much of its growth that is.
  const objects = async () => Number((await connection.db!.command({ dbStats: 1 })).objects);

  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  const objectsBefore = await objects();
  // Counted beside devdb's own samples, so its heap can be judged per document it holds.
  const counts: { at: number; objects: number }[] = [];
  const counting = setInterval(() => {
    objects().then(
      (count) => counts.push({ at: Date.now(), objects: count }),
      () => {},
    );
  }, SAMPLE_MS);
  const startedAt = Date.now();
  const outcome = await mixedLoad(bffUrl, world, jwt, {
    connections: CONCURRENCY,
    residents: RESIDENTS,
    amount: CHUNK,
    seconds: SECONDS,
  });
  clearInterval(counting);
  const during = (samples: readonly Sample[]) => samples.filter((s) => s.at >= startedAt);
  const bff = figures(during(samplesOf(bffUrl)));
  const devdb = figures(during(samplesOf(dbUri)));
  const heapPerObject = perObject(during(samplesOf(dbUri)), counts);
  const objectsAfter = await objects();
  const invariants = await mixedInvariants(connection, bffUrl, world, outcome);
  await connection.close();

  const kinds = Object.values(outcome.kinds);
  const result = {
    scenario: 'soak',
    seconds: outcome.seconds,
    concurrency: CONCURRENCY,
    sample_ms: SAMPLE_MS,
    samples: during(samplesOf(bffUrl)).length,
    requests: outcome.requests,
    refused: kinds.reduce((sum, kind) => sum + kind.refused, 0),
    errors: outcome.unanswered + kinds.reduce((sum, kind) => sum + kind.errors, 0),
    rps: outcome.rps,
    p50_ms: outcome.p50_ms,
    p99_ms: outcome.p99_ms,
    ...invariants,
    bff_rss_mb: bff.rss_mb,
    bff_heap_mb: bff.heap_mb,
    bff_loop_delay_p99_ms: bff.loop_delay_p99_ms,
    devdb_rss_mb: devdb.rss_mb,
    devdb_heap_mb: devdb.heap_mb,
    devdb_loop_delay_p99_ms: devdb.loop_delay_p99_ms,
    devdb_objects: { start: objectsBefore, end: objectsAfter },
    devdb_heap_kb_per_object: summary(heapPerObject),
    growth: {
      bff_rss: bff.growth.rss,
      bff_heap: bff.growth.heap,
      devdb_rss: devdb.growth.rss,
      devdb_heap: devdb.growth.heap,
      devdb_heap_per_object: keepsGrowing(heapPerObject, 0),
    },
  };
  console.log(JSON.stringify(result));
  if (Object.values(result.growth).some(Boolean))
    console.error('soak: memory kept growing after the warm-up:', JSON.stringify(result.growth));
  // Growth is a flag to read (devdb's may be the data itself); the invariants are required.
  if (
    result.errors !== 0 ||
    result.oversold !== 0 ||
    result.double_booked !== 0 ||
    result.lost !== 0 ||
    result.miscounted !== 0 ||
    result.samples === 0
  )
    process.exitCode = 1;
} finally {
  stopServers();
}
