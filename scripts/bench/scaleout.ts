// `pnpm bench scaleout [--quick]`: the booking burst (as `pnpm bench booking`) against one BFF
// process, then against two behind a client-side round-robin (half the connections and half the
// residents each), every BFF on the same devdb process. A scenario of its own rather than a flag
// on `booking`, so the single-instance figures `booking` reports (and --compare watches) keep one
// meaning; it is not in the default list, where it would run the booking burst twice more. Each
// run books its own session and its invariants are read from the database: no seat sold past the
// capacity, the counter equal to the confirmed bookings, every attempt confirmed or waitlisted.
// Prints one JSON line. The load generator and every process share the machine's cores, so on
// two cores a second BFF mostly competes with the first: the line reports what it gives.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { burst, warm, type Burst } from './support/burst';
import { benchJwt as jwt, serve, stopServers } from './support/servers';
import { seedBookableSession } from './support/session';

const quick = process.argv.includes('--quick');
const CAPACITY = quick ? 200 : 1200;
const ATTEMPTS = quick ? 800 : 5000;
const CONCURRENCY = quick ? 50 : 200;

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const instances = await Promise.all([0, 1].map(() => serve('bff', { ...jwt, MONGODB_URI: mongoUri })));
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const db = connection.db!;
  for (const url of instances) await warm(`${url}/readyz`, CONCURRENCY);

  /** The burst over the first `count` instances, each taking an equal share; its figures and
   * what the database holds afterwards. */
  const run = async (count: number) => {
    const sessionId = await seedBookableSession(connection, { capacity: CAPACITY, startsInMs: 2 * 3_600_000 });
    const body = JSON.stringify({ sessionId });
    const answers = { confirmed: 0, waitlisted: 0, other: 0 };
    const started = performance.now();
    const bursts: Burst[] = await Promise.all(
      instances.slice(0, count).map((url) => {
        const tokens = Array.from({ length: ATTEMPTS / count }, () =>
          signAccessToken(jwt, { id: new mongoose.Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] }),
        );
        return burst(url, {
          connections: CONCURRENCY / count,
          amount: ATTEMPTS / count,
          timeout: 60,
          request: (n) => ({
            path: '/api/parent-school/bookings',
            body,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': randomUUID(),
            },
          }),
          onResponse: (status, responseBody) => {
            const answer = status === 201 ? (JSON.parse(responseBody) as { status: string }).status : '';
            if (answer === 'confirmed' || answer === 'waitlisted') answers[answer] += 1;
            else answers.other += 1;
          },
        });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const pool = new mongoose.Types.ObjectId(sessionId);
    const session = await db.collection('parent_school_sessions').findOne({ _id: pool });
    const booked = (session?.booked as number | undefined) ?? 0;
    const bookings = db.collection('parent_school_bookings');
    const confirmed = await bookings.countDocuments({ pool, status: 'confirmed' });
    const waitlisted = await bookings.countDocuments({ pool, status: 'waitlisted' });
    return {
      rps: Math.round(ATTEMPTS / seconds),
      p99_ms: Math.max(...bursts.map((b) => b.p99_ms)),
      confirmed,
      oversold: Math.max(0, confirmed - CAPACITY, booked - CAPACITY),
      // Anything but a 201, an answer the database disagrees with, a counter that disagrees with
      // the bookings, or an attempt that left no booking.
      errors:
        bursts.reduce((sum, b) => sum + b.failed, 0) +
        answers.other +
        Math.abs(answers.confirmed - confirmed) +
        Math.abs(answers.waitlisted - waitlisted) +
        (booked === confirmed ? 0 : 1) +
        (confirmed === CAPACITY ? 0 : 1) +
        Math.abs(ATTEMPTS - confirmed - waitlisted),
    };
  };

  const one = await run(1);
  const two = await run(2);
  await connection.close();
  const result = {
    scenario: 'booking-scale-out',
    capacity: CAPACITY,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    rps: two.rps,
    p99_ms: two.p99_ms,
    rps_1: one.rps,
    p99_ms_1: one.p99_ms,
    rps_2: two.rps,
    p99_ms_2: two.p99_ms,
    speedup: Number((two.rps / one.rps).toFixed(2)),
    oversold: one.oversold + two.oversold,
    errors: one.errors + two.errors,
  };
  console.log(JSON.stringify(result));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (result.oversold !== 0 || result.errors !== 0) process.exitCode = 1;
} finally {
  stopServers();
}
