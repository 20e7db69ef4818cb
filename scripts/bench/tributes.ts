// `pnpm bench tributes [--quick]`: a Qingming morning at 忠烈园. Distinct signed-in residents
// leave flowers, candles and incense through the real HTTP API (BFF and devdb each in their own
// process), 80% of them on one martyr's memorial, while a campaign counts them all; then a bare
// Koa "hello" measured the same way. Prints one JSON line. `counted` is read back through the
// public totals, so `lost` is what a visitor would see missing.
import { randomInt, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { upsertCampaign, upsertCemetery, upsertMemorial } from '@warmcity/bff/memorial/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { MEMORIAL_CODE_ALPHABET, MEMORIAL_CODE_LENGTH } from '@warmcity/shared/api/memorial';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const MEMORIALS = 10;
const ATTEMPTS = quick ? 2000 : 20_000;
const CONCURRENCY = quick ? 100 : 200;
const HOT_SHARE = 0.8;
const BASELINE_SECONDS = quick ? 3 : 8;
const kinds = ['flower', 'candle', 'incense'] as const;

const newId = () => new mongoose.Types.ObjectId().toHexString();
const newCode = () =>
  Array.from(
    { length: MEMORIAL_CODE_LENGTH },
    () => MEMORIAL_CODE_ALPHABET[randomInt(MEMORIAL_CODE_ALPHABET.length)],
  ).join('');

async function seed(connection: mongoose.Connection) {
  const cemeteryId = newId();
  await upsertCemetery(connection, { _id: cemeteryId, name: '忠烈园', address: '平阳县昆阳镇' });
  const codes = Array.from({ length: MEMORIALS }, newCode);
  for (const [index, code] of codes.entries()) {
    await upsertMemorial(connection, {
      _id: newId(),
      cemeteryId,
      code,
      visibility: 'public',
      name: `示例烈士${index + 1}`,
      birthDate: '1920-01-01',
      deathDate: '1949-01-01',
      biography: '压测用虚构人物',
      plot: { area: '忠烈园', row: '1', number: String(index + 1) },
    });
  }
  const campaignId = newId();
  const now = Date.now();
  await upsertCampaign(connection, {
    _id: campaignId,
    cemeteryId,
    name: '清明·网上祭英烈',
    startsAt: new Date(now - 3_600_000),
    endsAt: new Date(now + 24 * 3_600_000),
  });
  return { codes, campaignId };
}

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const bffUrl = await serve('bff', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const { codes, campaignId } = await seed(connection);

  const tokens = Array.from({ length: ATTEMPTS }, () =>
    signAccessToken(jwt, { id: newId(), roles: ['resident'], scopes: [] }),
  );
  // The hot memorial takes four of every five; the rest go round the other nine.
  const targetOf = (n: number) => (n % 5 < HOT_SHARE * 5 ? codes[0]! : codes[1 + (((n / 5) % (MEMORIALS - 1)) | 0)]!);
  let next = 0;
  let accepted = 0;
  const burst = await autocannon({
    url: bffUrl,
    connections: CONCURRENCY,
    amount: ATTEMPTS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = next++;
          return {
            ...request,
            path: `/api/memorial/codes/${targetOf(n)}/tributes`,
            body: JSON.stringify({ kind: kinds[n % kinds.length] }),
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % ATTEMPTS]}`,
              'idempotency-key': randomUUID(),
            },
          };
        },
        onResponse: (status) => {
          if (status === 201) accepted += 1;
        },
      },
    ],
  });

  const totalOf = async (path: string) => {
    const response = await fetch(`${bffUrl}${path}`);
    return ((await response.json()) as { totals: { all: number } }).totals.all;
  };
  const perMemorial = await Promise.all(codes.map((code) => totalOf(`/api/memorial/codes/${code}`)));
  const counted = perMemorial.reduce((sum, total) => sum + total, 0);
  const campaignTotal = await totalOf(`/api/memorial/campaigns/${campaignId}`);
  const stored = await connection.db!.collection('memorial_tributes').countDocuments();
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const rps = Math.round(burst.requests.total / burst.duration);
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
      burst.errors +
      burst.timeouts +
      burst.non2xx +
      Math.abs(stored - accepted) +
      (campaignTotal === counted ? 0 : 1) +
      (accepted + burst.non2xx + burst.errors + burst.timeouts === ATTEMPTS ? 0 : 1),
    rps,
    p50_ms: burst.latency.p50,
    p99_ms: burst.latency.p99,
    baseline_rps: baselineRps,
    ratio: Number((rps / baselineRps).toFixed(3)),
  };
  console.log(JSON.stringify(result));
  // The figures are reported, the invariants are required: CI fails on a lost or failed tribute.
  if (result.lost !== 0 || result.errors !== 0) process.exitCode = 1;
} finally {
  stopServers();
}
