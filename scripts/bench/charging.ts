// `pnpm bench charging [--quick]`: the evening rush at 头陀镇. 3,000 distinct signed-in residents
// reserve "any free port" at once across the 32 seeded sites, each at one of the three sites
// nearest a random point (as the sites-near list shows them), through the real HTTP API (BFF and
// devdb each in their own process); then nearest-sites queries. Prints two JSON lines
// (`charging-rush`, `sites-near`); the counts come from the database afterwards.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { ensurePorts, upsertSite } from '@warmcity/bff/charging/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import type { Point } from '@warmcity/shared/api/charging';
import { chargingSeed } from '../seed/charging';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const ATTEMPTS = 3000;
const CONCURRENCY = quick ? 100 : 200;
const NEAR_REQUESTS = quick ? 1000 : 5000;
const NEAR_RADIUS_M = 3000;
const BASELINE_SECONDS = quick ? 3 : 8;
// A phone on a mountain-town network waits this long; on a loaded machine the burst's tail does too.
const TIMEOUT_S = 60;

/** A fixed sequence, so every run asks the same residents the same question. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const angle = (a: Point, b: Point) => {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.asin(Math.sqrt(h));
};

// The 头陀镇 sites as seeded, open round the clock so a night-time run measures the rush too.
const sites = chargingSeed()
  .filter(({ site }) => site.town.code === 'toutuo')
  .map(({ site, ports }) => ({ site: { ...site, hours: { opens: '00:00', closes: '24:00' } }, ports }));
const totalPorts = sites.reduce((sum, s) => sum + s.ports.length, 0);
const box = {
  lng: [Math.min(...sites.map((s) => s.site.location.lng)), Math.max(...sites.map((s) => s.site.location.lng))],
  lat: [Math.min(...sites.map((s) => s.site.location.lat)), Math.max(...sites.map((s) => s.site.location.lat))],
};
const next = random(12);
const randomPoint = (): Point => ({
  lng: box.lng[0]! + next() * (box.lng[1]! - box.lng[0]!),
  lat: box.lat[0]! + next() * (box.lat[1]! - box.lat[0]!),
});
const choices = Array.from({ length: ATTEMPTS }, () => {
  const at = randomPoint();
  const nearest = [...sites].sort((a, b) => angle(at, a.site.location) - angle(at, b.site.location)).slice(0, 3);
  return nearest[Math.floor(next() * 3)]!.site._id;
});

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const bffUrl = await serve('bff', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const now = new Date();
  for (const { site } of sites) await upsertSite(connection, site, now);
  await ensurePorts(
    connection,
    loadConfig({ NODE_ENV: 'test' }),
    sites.flatMap((s) => s.ports),
    now,
  );

  const tokens = Array.from({ length: ATTEMPTS }, () =>
    signAccessToken(jwt, { id: new mongoose.Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] }),
  );
  // Warm the pools (the BFF's to devdb, autocannon's to the BFF) before the measured burst.
  await autocannon({ url: `${bffUrl}/api/charging/towns`, connections: CONCURRENCY, amount: CONCURRENCY * 2 });

  let sent = 0;
  const outcomes = { reserved: 0, noFreePort: 0, other: 0 };
  const rush = await autocannon({
    url: bffUrl,
    connections: CONCURRENCY,
    amount: ATTEMPTS,
    timeout: TIMEOUT_S,
    requests: [
      {
        method: 'POST',
        path: '/api/charging/charges',
        setupRequest: (request) => {
          const n = sent++;
          return {
            ...request,
            body: JSON.stringify({ siteId: choices[n % ATTEMPTS] }),
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % ATTEMPTS]}`,
              'idempotency-key': randomUUID(),
            },
          };
        },
        onResponse: (status, body) => {
          if (status === 201) outcomes.reserved += 1;
          else if (status === 409 && (JSON.parse(body) as { code?: string }).code === 'NO_FREE_PORT')
            outcomes.noFreePort += 1;
          else outcomes.other += 1;
        },
      },
    ],
  });

  const db = connection.db!;
  const reserved = await db.collection('charging_charges').countDocuments({ status: 'confirmed' });
  const perPort = await db
    .collection('charging_charges')
    .aggregate<{ n: number }>([
      { $match: { status: 'confirmed' } },
      { $group: { _id: '$pool', n: { $sum: 1 } } },
      { $match: { n: { $gt: 1 } } },
    ])
    .toArray();
  const ports = await db
    .collection('charging_ports')
    .find({}, { projection: { booked: 1, journal: 1 } })
    .toArray();
  const overCounted = ports.filter((p) => p.booked > 1).length;
  const unsettled = ports.filter((p) => p.journal.length > 0).length;
  const holders = await db.collection('charging_charges').distinct('holder', { status: 'confirmed' });

  // Nearest sites from random points in town, as the list page asks; docs examined are devdb's
  // own counters (serverStatus) over the burst, divided by the requests.
  const examined = async () =>
    ((await db.admin().command({ serverStatus: 1 })) as { devdb: { docsExamined: number } }).devdb.docsExamined;
  const nearPaths = Array.from({ length: NEAR_REQUESTS }, () => {
    const at = randomPoint();
    return `/api/charging/sites?lng=${at.lng.toFixed(6)}&lat=${at.lat.toFixed(6)}&radiusM=${NEAR_RADIUS_M}&limit=10`;
  });
  let asked = 0;
  let nearFailed = 0;
  const examinedBefore = await examined();
  const near = await autocannon({
    url: bffUrl,
    connections: CONCURRENCY,
    amount: NEAR_REQUESTS,
    timeout: TIMEOUT_S,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: nearPaths[asked++ % NEAR_REQUESTS]! }),
        onResponse: (status) => {
          if (status !== 200) nearFailed += 1;
        },
      },
    ],
  });
  const examinedAfter = await examined();
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);
  // The measured figures of a burst, as every scenario prints them.
  const figures = (burst: autocannon.Result) => {
    const rps = Math.round(burst.requests.total / burst.duration);
    return {
      rps,
      p50_ms: burst.latency.p50,
      p99_ms: burst.latency.p99,
      baseline_rps: baselineRps,
      ratio: Number((rps / baselineRps).toFixed(3)),
    };
  };

  const result = {
    scenario: 'charging-rush',
    sites: sites.length,
    ports: totalPorts,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    reserved,
    double_booked: perPort.length + overCounted,
    // Anything but a reservation or a "no free port", a transport error or timeout, an answer the
    // database disagrees with, a port left mid-operation, or a resident holding two ports.
    errors:
      rush.errors +
      rush.timeouts +
      outcomes.other +
      Math.abs(outcomes.reserved - reserved) +
      (outcomes.reserved + outcomes.noFreePort === ATTEMPTS ? 0 : 1) +
      unsettled +
      (holders.length === reserved ? 0 : 1),
    ...figures(rush),
  };
  console.log(JSON.stringify(result));
  const nearResult = {
    scenario: 'sites-near',
    sites: sites.length,
    requests: NEAR_REQUESTS,
    concurrency: CONCURRENCY,
    radius_m: NEAR_RADIUS_M,
    errors: near.errors + near.timeouts + nearFailed,
    ...figures(near),
    docs_examined_per_request: Number(((examinedAfter - examinedBefore) / NEAR_REQUESTS).toFixed(1)),
  };
  console.log(JSON.stringify(nearResult));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (result.double_booked !== 0 || result.reserved !== totalPorts || result.errors !== 0 || nearResult.errors !== 0)
    process.exitCode = 1;
} finally {
  stopServers();
}
