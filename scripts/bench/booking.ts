// `pnpm bench booking [--quick]`: a burst of distinct signed-in residents booking one session
// through the real HTTP API (BFF and devdb each in their own process); the same burst on the
// yardstick (ceilings/booking.ts: the smallest correct booking on the same devdb process); and a
// bare Koa "hello". Prints one JSON line; the counts come from the database afterwards, not from
// the responses, for the BFF and the yardstick alike.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { CEILING_COLLECTIONS } from './ceilings/booking';
import { burst, compared, warm } from './support/burst';
import { benchJwt as jwt, costed, helloRps, serve, stopServers } from './support/servers';
import { seedBookableSession } from './support/session';

const quick = process.argv.includes('--quick');
const CAPACITY = quick ? 200 : 1200;
const ATTEMPTS = quick ? 800 : 5000;
const CONCURRENCY = quick ? 50 : 200;
const BASELINE_SECONDS = quick ? 3 : 8;

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const bffUrl = await serve('bff', { ...jwt, MONGODB_URI: mongoUri });
  const ceilingUrl = await serve('ceiling-booking', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const db = connection.db!;
  const sessionId = await seedBookableSession(connection, { capacity: CAPACITY, startsInMs: 2 * 3_600_000 });
  const ceilingSessionId = new mongoose.Types.ObjectId();
  await db
    .collection(CEILING_COLLECTIONS.sessions)
    .insertOne({ _id: ceilingSessionId, capacity: CAPACITY, booked: 0, waitSeq: 0 });

  // Distinct residents, and different ones for each server, so neither meets the other's bookings.
  const residents = () =>
    Array.from({ length: ATTEMPTS }, () =>
      signAccessToken(jwt, { id: new mongoose.Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] }),
    );
  const bookingBurst = (url: string, path: string, session: string, onStatus: (status: string) => void) => {
    const tokens = residents();
    const body = JSON.stringify({ sessionId: session });
    return burst(url, {
      connections: CONCURRENCY,
      amount: ATTEMPTS,
      request: (n) => ({
        path,
        body,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[n % ATTEMPTS]}`,
          'idempotency-key': randomUUID(),
        },
      }),
      onResponse: (status, responseBody) =>
        onStatus(status === 201 ? (JSON.parse(responseBody) as { status: string }).status : ''),
    });
  };
  const counts = async (collections: { sessions: string; bookings: string }, pool: mongoose.Types.ObjectId) => {
    const bookings = db.collection(collections.bookings);
    const session = await db.collection(collections.sessions).findOne({ _id: pool });
    return {
      booked: (session?.booked as number | undefined) ?? 0,
      confirmed: await bookings.countDocuments({ pool, status: 'confirmed' }),
      waitlisted: await bookings.countDocuments({ pool, status: 'waitlisted' }),
    };
  };

  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  await warm(ceilingUrl, CONCURRENCY);

  const cost = <T>(server: string, run: () => Promise<T>) => costed(server, dbUri, ATTEMPTS, run);

  const outcomes = { confirmed: 0, waitlisted: 0, other: 0 };
  const real = await cost(bffUrl, () =>
    bookingBurst(bffUrl, '/api/parent-school/bookings', sessionId, (status) => {
      if (status === 'confirmed') outcomes.confirmed += 1;
      else if (status === 'waitlisted') outcomes.waitlisted += 1;
      else outcomes.other += 1;
    }),
  );
  let ceilingOther = 0;
  const ceiling = await cost(ceilingUrl, () =>
    bookingBurst(ceilingUrl, '/', ceilingSessionId.toHexString(), (status) => {
      if (status !== 'confirmed' && status !== 'waitlisted') ceilingOther += 1;
    }),
  );

  const stored = await counts(
    { sessions: 'parent_school_sessions', bookings: 'parent_school_bookings' },
    new mongoose.Types.ObjectId(sessionId),
  );
  const ceilingStored = await counts(CEILING_COLLECTIONS, ceilingSessionId);
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const result = {
    scenario: 'booking-burst',
    capacity: CAPACITY,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    confirmed: stored.confirmed,
    waitlisted: stored.waitlisted,
    oversold: Math.max(0, stored.confirmed - CAPACITY, stored.booked - CAPACITY),
    // Anything but a 201 answer, a transport error or a timeout, or a response that disagrees
    // with what the database holds.
    errors:
      real.result.failed +
      outcomes.other +
      Math.abs(outcomes.confirmed - stored.confirmed) +
      Math.abs(outcomes.waitlisted - stored.waitlisted) +
      (stored.booked === stored.confirmed ? 0 : 1),
    ...compared(real.result, ceiling.result, baselineRps),
    // Where the time goes, robust to a busy machine: CPU per booking in each process.
    bff_cpu_ms: real.serverMs,
    db_cpu_ms: real.dbMs,
    ceiling_cpu_ms: ceiling.serverMs,
    ceiling_db_cpu_ms: ceiling.dbMs,
  };
  console.log(JSON.stringify(result));
  // A yardstick that loses a booking measures nothing: its counts are required too.
  const ceilingCorrect =
    ceiling.result.failed + ceilingOther === 0 &&
    ceilingStored.confirmed === CAPACITY &&
    ceilingStored.booked === CAPACITY &&
    ceilingStored.confirmed + ceilingStored.waitlisted === ATTEMPTS;
  if (!ceilingCorrect)
    console.error('booking ceiling miscounted:', JSON.stringify({ ceiling: ceiling.result, ceilingStored }));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (result.oversold !== 0 || result.confirmed !== CAPACITY || result.errors !== 0 || !ceilingCorrect)
    process.exitCode = 1;
} finally {
  stopServers();
}
