// `pnpm bench mixed [--quick]`: an ordinary busy evening rather than one rush. One of each
// feature seeded (parent-school sessions, the 头陀镇 charging sites, 忠烈园's memorials with a
// campaign, bound residents with a year of 医保), then many signed-in residents at once browsing,
// booking a class, reserving and releasing a port, leaving a tribute and reading 我的医保 through
// the real HTTP API (BFF and devdb each in their own process; the blend is BLEND in
// support/mixed-load.ts). Prints one JSON line; the invariants are read from the database after.
import mongoose from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { warm } from './support/burst';
import { kindFigures, mixedInvariants, mixedLoad, seedMixedWorld } from './support/mixed-load';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const REQUESTS = quick ? 4000 : 30_000;
const CONCURRENCY = 100;
const RESIDENTS = 5000;
const BASELINE_SECONDS = quick ? 3 : 8;

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const env = { ...jwt, NODE_ENV: 'test', MONGODB_URI: mongoUri };
  const bffUrl = await serve('bff', env);
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const world = await seedMixedWorld(connection, loadConfig({ ...process.env, ...env }));

  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  const outcome = await mixedLoad(bffUrl, world, jwt, {
    connections: CONCURRENCY,
    residents: RESIDENTS,
    amount: REQUESTS,
  });
  const invariants = await mixedInvariants(connection, bffUrl, world, outcome);
  await connection.close();
  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const kinds = Object.values(outcome.kinds);
  const result = {
    scenario: 'mixed',
    concurrency: CONCURRENCY,
    residents: RESIDENTS,
    requests: outcome.requests,
    refused: kinds.reduce((sum, kind) => sum + kind.refused, 0),
    // Transport errors and timeouts, and answers that are neither success nor a promised refusal.
    errors: outcome.unanswered + kinds.reduce((sum, kind) => sum + kind.errors, 0),
    rps: outcome.rps,
    p50_ms: outcome.p50_ms,
    p99_ms: outcome.p99_ms,
    baseline_rps: baselineRps,
    ratio: Number((outcome.rps / baselineRps).toFixed(3)),
    ...invariants,
    kinds: kindFigures(outcome.kinds),
  };
  console.log(JSON.stringify(result));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (
    result.errors !== 0 ||
    result.oversold !== 0 ||
    result.double_booked !== 0 ||
    result.lost !== 0 ||
    result.miscounted !== 0
  )
    process.exitCode = 1;
} finally {
  stopServers();
}
