// `pnpm bench booking [--quick]`: a burst of distinct signed-in residents booking one session
// through the real HTTP API (BFF and devdb each in their own process), and a bare Koa "hello"
// measured the same way in the same run. Prints one JSON line; the counts come from the
// database afterwards, not from the responses.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { ensureSession, upsertCourse, upsertSchool, upsertVenue } from '@warmcity/bff/parent-school/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const CAPACITY = quick ? 200 : 1200;
const ATTEMPTS = quick ? 800 : 5000;
const CONCURRENCY = quick ? 50 : 200;
const BASELINE_SECONDS = quick ? 3 : 8;

async function seedSession(connection: mongoose.Connection) {
  const id = () => new mongoose.Types.ObjectId().toHexString();
  const [schoolId, venueId, courseId, sessionId] = [id(), id(), id(), id()];
  await upsertSchool(connection, { _id: schoolId, name: '绍兴市第一初级中学', district: '越城区' });
  await upsertVenue(connection, { _id: venueId, schoolId, name: '东校门文化长廊', address: '越城区' });
  await upsertCourse(connection, {
    _id: courseId,
    schoolId,
    title: '如何激发孩子的学习动力',
    summary: '压测',
    speaker: '沈老师',
    durationMinutes: 30,
  });
  const now = new Date();
  const startsAt = new Date(now.getTime() + 2 * 3_600_000);
  await ensureSession(
    connection,
    {
      _id: sessionId,
      schoolId,
      courseId,
      venueId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      bookingOpensAt: now,
      capacity: CAPACITY,
      cancelCutoffMinutes: 0,
    },
    now,
  );
  return sessionId;
}

try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const bffUrl = await serve('bff', { ...jwt, MONGODB_URI: mongoUri });
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const sessionId = await seedSession(connection);

  const tokens = Array.from({ length: ATTEMPTS }, () =>
    signAccessToken(jwt, { id: new mongoose.Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] }),
  );
  const body = JSON.stringify({ sessionId });
  let next = 0;
  const outcomes = { confirmed: 0, waitlisted: 0, other: 0 };
  const burst = await autocannon({
    url: bffUrl,
    connections: CONCURRENCY,
    amount: ATTEMPTS,
    requests: [
      {
        method: 'POST',
        path: '/api/parent-school/bookings',
        setupRequest: (request) => ({
          ...request,
          body,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[next++ % ATTEMPTS]}`,
            'idempotency-key': randomUUID(),
          },
        }),
        onResponse: (status, responseBody) => {
          const status_ = status === 201 ? (JSON.parse(responseBody) as { status: string }).status : '';
          if (status_ === 'confirmed') outcomes.confirmed += 1;
          else if (status_ === 'waitlisted') outcomes.waitlisted += 1;
          else outcomes.other += 1;
        },
      },
    ],
  });

  const session = await connection
    .db!.collection('parent_school_sessions')
    .findOne({ _id: new mongoose.Types.ObjectId(sessionId) });
  const bookings = connection.db!.collection('parent_school_bookings');
  const confirmed = await bookings.countDocuments({
    pool: new mongoose.Types.ObjectId(sessionId),
    status: 'confirmed',
  });
  const waitlisted = await bookings.countDocuments({
    pool: new mongoose.Types.ObjectId(sessionId),
    status: 'waitlisted',
  });
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);

  const rps = Math.round(burst.requests.total / burst.duration);
  const result = {
    scenario: 'booking-burst',
    capacity: CAPACITY,
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    confirmed,
    waitlisted,
    oversold: Math.max(0, confirmed - CAPACITY, (session?.booked ?? 0) - CAPACITY),
    // Anything but a 201 answer, a transport error or a timeout, or a response that disagrees
    // with what the database holds.
    errors:
      burst.errors +
      burst.timeouts +
      burst.non2xx +
      outcomes.other +
      Math.abs(outcomes.confirmed - confirmed) +
      Math.abs(outcomes.waitlisted - waitlisted) +
      (session?.booked === confirmed ? 0 : 1),
    rps,
    p50_ms: burst.latency.p50,
    p99_ms: burst.latency.p99,
    baseline_rps: baselineRps,
    ratio: Number((rps / baselineRps).toFixed(3)),
  };
  console.log(JSON.stringify(result));
  // The figures are reported, the invariants are required: CI fails on a wrong count.
  if (result.oversold !== 0 || result.confirmed !== CAPACITY || result.errors !== 0) process.exitCode = 1;
} finally {
  stopServers();
}
