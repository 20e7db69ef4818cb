// `pnpm bench tributes [--quick]`: a Qingming morning at 忠烈园. Distinct signed-in residents
// leave flowers, candles and incense through the real HTTP API (BFF and devdb each in their own
// process), 80% of them on one martyr's memorial, while a campaign counts them all; the same
// burst on the yardstick (ceilings/tributes.ts, on the same devdb process); then a bare Koa
// "hello". Prints one JSON line. `counted` is read back through the public totals, so `lost` is
// what a visitor would see missing; the yardstick's totals are checked the same way.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { ceilingTotal, TRIBUTES_CEILING_COLLECTIONS } from './ceilings/tributes';
import { burst, compared, warm } from './support/burst';
import { newId, seedMemorials } from './support/seed';
import { benchJwt as jwt, costed, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const MEMORIALS = 10;
const ATTEMPTS = quick ? 2000 : 20_000;
const CONCURRENCY = quick ? 100 : 200;
const HOT_SHARE = 0.8;
const BASELINE_SECONDS = quick ? 3 : 8;
// A phone on a mountain-town network waits this long; on a loaded machine the burst's tail does too.
const TIMEOUT_S = 60;
const kinds = ['flower', 'candle', 'incense'] as const;

/** The yardstick's own copy of the memorials and the campaign, with the same codes. */
async function seedCeiling(db: mongoose.mongo.Db, codes: readonly string[]) {
  const cemeteryId = new mongoose.Types.ObjectId();
  const memorials = codes.map((code) => ({ _id: new mongoose.Types.ObjectId(), code, cemeteryId }));
  await db.collection(TRIBUTES_CEILING_COLLECTIONS.memorials).insertMany(memorials);
  const campaignId = new mongoose.Types.ObjectId();
  const now = Date.now();
  await db.collection(TRIBUTES_CEILING_COLLECTIONS.campaigns).insertOne({
    _id: campaignId,
    cemeteryId,
    startsAt: new Date(now - 3_600_000),
    endsAt: new Date(now + 24 * 3_600_000),
  });
  return { memorialIds: memorials.map((memorial) => memorial._id.toHexString()), campaignId: campaignId.toHexString() };
}

// The hot memorial takes four of every five; the rest go round the other nine.
const targetOf = (codes: readonly string[], n: number) =>
  n % 5 < HOT_SHARE * 5 ? codes[0]! : codes[1 + (((n / 5) % (MEMORIALS - 1)) | 0)]!;

/** Distinct residents, and different ones for each server, so neither meets the other's limits. */
function tributeBurst(
  url: string,
  path: (code: string) => string,
  body: (code: string, n: number) => string,
  codes: readonly string[],
  onCreated: () => void,
) {
  const tokens = Array.from({ length: ATTEMPTS }, () =>
    signAccessToken(jwt, { id: newId(), roles: ['resident'], scopes: [] }),
  );
  return burst(url, {
    connections: CONCURRENCY,
    amount: ATTEMPTS,
    timeout: TIMEOUT_S,
    request: (n) => ({
      path: path(targetOf(codes, n)),
      body: body(targetOf(codes, n), n),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[n % ATTEMPTS]}`,
        'idempotency-key': randomUUID(),
      },
    }),
    onResponse: (status) => {
      if (status === 201) onCreated();
    },
  });
}

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const bffUrl = await serve('bff', { ...jwt, MONGODB_URI: mongoUri });
  const ceilingUrl = await serve('ceiling-tributes', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const db = connection.db!;
  const { codes, campaignId } = await seedMemorials(connection, MEMORIALS);
  const yardstick = await seedCeiling(db, codes);

  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  await warm(ceilingUrl, CONCURRENCY);

  const cost = <T>(server: string, run: () => Promise<T>) => costed(server, dbUri, ATTEMPTS, run);

  let accepted = 0;
  const real = await cost(bffUrl, () =>
    tributeBurst(
      bffUrl,
      (code) => `/api/memorial/codes/${code}/tributes`,
      (_code, n) => JSON.stringify({ kind: kinds[n % kinds.length] }),
      codes,
      () => (accepted += 1),
    ),
  );
  let ceilingAccepted = 0;
  const ceiling = await cost(ceilingUrl, () =>
    tributeBurst(
      ceilingUrl,
      () => '/',
      (code, n) => JSON.stringify({ code, kind: kinds[n % kinds.length] }),
      codes,
      () => (ceilingAccepted += 1),
    ),
  );

  const totalOf = async (path: string) => {
    const response = await fetch(`${bffUrl}${path}`);
    return ((await response.json()) as { totals: { all: number } }).totals.all;
  };
  const perMemorial = await Promise.all(codes.map((code) => totalOf(`/api/memorial/codes/${code}`)));
  const counted = perMemorial.reduce((sum, total) => sum + total, 0);
  const campaignTotal = await totalOf(`/api/memorial/campaigns/${campaignId}`);
  const stored = await db.collection('memorial_tributes').countDocuments();
  const ceilingCounted = (
    await Promise.all(yardstick.memorialIds.map((id) => ceilingTotal(db, `memorial:${id}`)))
  ).reduce((sum, total) => sum + total, 0);
  const ceilingCampaign = await ceilingTotal(db, `campaign:${yardstick.campaignId}`);
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const result = {
    scenario: 'qingming-tributes',
    memorials: MEMORIALS,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    accepted,
    counted,
    lost: accepted - counted,
    // Anything but a 201, a transport error or timeout, a stored row no answer reported, or a
    // campaign total that disagrees with the memorials'.
    errors:
      real.result.failed +
      (ATTEMPTS - accepted - real.result.failed) +
      Math.abs(stored - accepted) +
      (campaignTotal === counted ? 0 : 1),
    ...compared(real.result, ceiling.result, baselineRps),
    // Where the time goes, robust to a busy machine: CPU per tribute in each process.
    bff_cpu_ms: real.serverMs,
    db_cpu_ms: real.dbMs,
    ceiling_cpu_ms: ceiling.serverMs,
    ceiling_db_cpu_ms: ceiling.dbMs,
  };
  console.log(JSON.stringify(result));
  // A yardstick that loses a tribute measures nothing: its counts are required too.
  const ceilingCorrect =
    ceiling.result.failed === 0 &&
    ceilingAccepted === ATTEMPTS &&
    ceilingCounted === ATTEMPTS &&
    ceilingCampaign === ATTEMPTS;
  if (!ceilingCorrect)
    console.error(
      'tributes ceiling miscounted:',
      JSON.stringify({ ceiling: ceiling.result, ceilingAccepted, ceilingCounted, ceilingCampaign }),
    );
  // The figures are reported, the invariants are required: CI fails on a lost or failed tribute.
  if (result.lost !== 0 || result.errors !== 0 || !ceilingCorrect) process.exitCode = 1;
} finally {
  stopServers();
}
