// `pnpm bench charging [--quick]`: the evening rush at 头陀镇. 3,000 distinct signed-in residents
// reserve "any free port" at once across the 32 seeded sites, each at one of the three sites
// nearest a random point (as the sites-near list shows them), through the real HTTP API (BFF and
// devdb each in their own process); the same rush on the yardstick (ceilings/charging.ts, on the
// same devdb process); then nearest-sites queries, on the BFF and on their yardstick (the same
// `$geoNear` and port count on the driver, which must answer the same). Prints two JSON lines
// (`charging-rush`, `sites-near`); the counts come from the database afterwards, for the BFF and
// the yardstick alike.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { signAccessToken } from '@warmcity/bff/platform/session';
import type { Point } from '@warmcity/shared/api/charging';
import { CHARGING_CEILING_COLLECTIONS } from './ceilings/charging';
import { burst, compared, warm } from './support/burst';
import { random, seedChargingSites, toutuoSites } from './support/seed';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const ATTEMPTS = 3000;
const CONCURRENCY = quick ? 100 : 200;
const NEAR_REQUESTS = quick ? 1000 : 5000;
const NEAR_RADIUS_M = 3000;
const BASELINE_SECONDS = quick ? 3 : 8;
// A phone on a mountain-town network waits this long; on a loaded machine the burst's tail does too.
const TIMEOUT_S = 60;

const angle = (a: Point, b: Point) => {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.asin(Math.sqrt(h));
};

const sites = toutuoSites();
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
  const ceilingUrl = await serve('ceiling-charging', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const db = connection.db!;
  const now = new Date();
  await seedChargingSites(connection, loadConfig({ NODE_ENV: 'test' }), sites, now);
  const seeded = sites.flatMap((s) => s.ports);
  await db.collection(CHARGING_CEILING_COLLECTIONS.ports).insertMany(
    seeded.map((port) => ({
      _id: new mongoose.Types.ObjectId(port._id),
      siteId: new mongoose.Types.ObjectId(port.siteId),
      capacity: 1,
      booked: 0,
    })),
  );

  // Distinct residents, and different ones for each server, so neither meets the other's charges.
  const rush = (url: string, path: string, onAnswer: (status: number, code: string | undefined) => void) => {
    const tokens = Array.from({ length: ATTEMPTS }, () =>
      signAccessToken(jwt, { id: new mongoose.Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] }),
    );
    return burst(url, {
      connections: CONCURRENCY,
      amount: ATTEMPTS,
      timeout: TIMEOUT_S,
      request: (n) => ({
        path,
        body: JSON.stringify({ siteId: choices[n % ATTEMPTS] }),
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[n % ATTEMPTS]}`,
          'idempotency-key': randomUUID(),
        },
      }),
      onResponse: (status, body) => onAnswer(status, (JSON.parse(body) as { code?: string }).code),
    });
  };
  /** Who holds what afterwards, read from the database. */
  const stored = async (collections: { ports: string; charges: string }) => {
    const charges = db.collection(collections.charges);
    const reserved = await charges.countDocuments({ status: 'confirmed' });
    const twice = await charges
      .aggregate([{ $match: { status: 'confirmed' } }, { $group: { _id: '$pool', n: { $sum: 1 } } }])
      .toArray();
    const ports = await db
      .collection(collections.ports)
      .find({}, { projection: { booked: 1, journal: 1 } })
      .toArray();
    return {
      reserved,
      doubleBooked: twice.filter((g) => g.n > 1).length + ports.filter((p) => p.booked > 1).length,
      // A port left mid-operation, or a counter that disagrees with the charges on it.
      unsettled:
        ports.filter((p) => (p.journal?.length ?? 0) > 0).length +
        Math.abs(ports.reduce((sum, p) => sum + (p.booked as number), 0) - reserved),
      holders: (await charges.distinct('holder', { status: 'confirmed' })).length,
    };
  };

  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  await warm(ceilingUrl, CONCURRENCY);

  const outcomes = { reserved: 0, noFreePort: 0, other: 0 };
  const real = await rush(bffUrl, '/api/charging/charges', (status, code) => {
    if (status === 201) outcomes.reserved += 1;
    else if (status === 409 && code === 'NO_FREE_PORT') outcomes.noFreePort += 1;
    else outcomes.other += 1;
  });
  const ceilingOutcomes = { reserved: 0, refused: 0 };
  const ceiling = await rush(ceilingUrl, '/', (status, code) => {
    if (status === 201) ceilingOutcomes.reserved += 1;
    else if (status === 409 && code === 'NO_FREE_PORT') ceilingOutcomes.refused += 1;
  });
  const state = await stored({ ports: 'charging_ports', charges: 'charging_charges' });
  const ceilingState = await stored(CHARGING_CEILING_COLLECTIONS);

  // Nearest sites from random points in town, as the list page asks; docs examined are devdb's
  // own counters (serverStatus) over the burst, divided by the requests.
  const examined = async () =>
    ((await db.admin().command({ serverStatus: 1 })) as { devdb: { docsExamined: number } }).devdb.docsExamined;
  const nearPaths = Array.from({ length: NEAR_REQUESTS }, () => {
    const at = randomPoint();
    return `/api/charging/sites?lng=${at.lng.toFixed(6)}&lat=${at.lat.toFixed(6)}&radiusM=${NEAR_RADIUS_M}&limit=10`;
  });
  const examinedBefore = await examined();
  const near = await burst(bffUrl, {
    connections: CONCURRENCY,
    amount: NEAR_REQUESTS,
    method: 'GET',
    timeout: TIMEOUT_S,
    request: (n) => ({ path: nearPaths[n % NEAR_REQUESTS]! }),
  });
  const examinedAfter = await examined();
  const nearCeiling = await burst(ceilingUrl, {
    connections: CONCURRENCY,
    amount: NEAR_REQUESTS,
    method: 'GET',
    timeout: TIMEOUT_S,
    request: (n) => ({ path: nearPaths[n % NEAR_REQUESTS]!.replace('/api/charging/sites', '/public/near') }),
  });
  // A yardstick is only one if it answers what the route answers.
  const sample = nearPaths[0]!;
  const [routeAnswer, ceilingAnswer] = await Promise.all([
    fetch(`${bffUrl}${sample}`).then((r) => r.json()),
    fetch(`${ceilingUrl}${sample.replace('/api/charging/sites', '/public/near')}`).then((r) => r.json()),
  ]);
  const sameAnswer = JSON.stringify(routeAnswer) === JSON.stringify(ceilingAnswer);
  if (!sameAnswer)
    console.error('sites-near yardstick answers differently:', JSON.stringify({ routeAnswer, ceilingAnswer }));
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const answered = outcomes.reserved + outcomes.noFreePort + outcomes.other;
  const result = {
    scenario: 'charging-rush',
    sites: sites.length,
    ports: totalPorts,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    reserved: state.reserved,
    double_booked: state.doubleBooked,
    // Anything but a reservation or a "no free port", a transport error or timeout, an answer the
    // database disagrees with, a port left mid-operation, or a resident holding two ports.
    errors:
      ATTEMPTS -
      answered +
      outcomes.other +
      Math.abs(outcomes.reserved - state.reserved) +
      state.unsettled +
      (state.holders === state.reserved ? 0 : 1),
    ...compared(real, ceiling, baselineRps),
  };
  console.log(JSON.stringify(result));
  const nearResult = {
    scenario: 'sites-near',
    sites: sites.length,
    requests: NEAR_REQUESTS,
    concurrency: CONCURRENCY,
    radius_m: NEAR_RADIUS_M,
    errors: near.failed,
    docs_examined_per_request: Number(((examinedAfter - examinedBefore) / NEAR_REQUESTS).toFixed(1)),
    ...compared(near, nearCeiling, baselineRps),
  };
  console.log(JSON.stringify(nearResult));
  const ceilingCorrect =
    ceilingState.reserved === totalPorts &&
    ceilingState.doubleBooked === 0 &&
    ceilingState.unsettled === 0 &&
    ceilingOutcomes.reserved + ceilingOutcomes.refused === ATTEMPTS;
  if (!ceilingCorrect) console.error('charging ceiling miscounted:', JSON.stringify({ ceiling, ceilingState }));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (
    result.double_booked !== 0 ||
    result.reserved !== totalPorts ||
    result.errors !== 0 ||
    nearResult.errors !== 0 ||
    nearCeiling.failed !== 0 ||
    !sameAnswer ||
    !ceilingCorrect
  )
    process.exitCode = 1;
} finally {
  stopServers();
}
