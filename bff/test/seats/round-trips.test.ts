import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startParentSchoolApp, type ParentSchoolTestApp } from '../parent-school/support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

/**
 * The calls the requests make, as "collection.method": mongoose's debug hook sees every
 * collection call of the app's connection, and each is one round trip.
 */
async function seatCalls(send: () => Promise<{ status: number }[]>) {
  const seen: string[] = [];
  app.connection.set('debug', (collection: string, method: string) => {
    seen.push(`${collection}.${method}`);
  });
  try {
    expect((await send()).map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  } finally {
    app.connection.set('debug', false);
  }
  return seen;
}

// A burst of bookings against one in-process devdb on two cores.
const BURST_TIMEOUT_MS = 60_000;

describe('database round trips of a booking', () => {
  it(
    'one confirmed booking and one waitlisted booking, then a burst where most see room that is gone',
    async () => {
      const sessionId = await app.createSession({ capacity: 2 });
      // The first booking of a session reads it; the next ones within a second reuse that read.
      const first = await seatCalls(async () => [await app.book(app.resident(), sessionId)]);
      const confirmed = await seatCalls(async () => [await app.book(app.resident(), sessionId)]);
      const waitlisted = await seatCalls(async () => [await app.book(app.resident(), sessionId)]);
      console.log(JSON.stringify({ first, confirmed, waitlisted }));

      const BURST = 100;
      const burstSession = await app.createSession({ capacity: 50 });
      const burst = await seatCalls(() =>
        Promise.all(Array.from({ length: BURST }, () => app.book(app.resident(), burstSession))),
      );
      const perBooking = Math.round((burst.length / BURST) * 10) / 10;
      console.log(JSON.stringify({ burstPerBooking: perBooking }));

      const platform = ['account_revocations.findOne', 'idempotency_keys.insertOne'];
      const answered = 'idempotency_keys.updateOne';
      expect(first).toEqual([
        ...platform,
        'parent_school_sessions.findOne',
        'notifications.insertMany',
        'parent_school_sessions.findOneAndUpdate',
        'parent_school_bookings.insertOne',
        'parent_school_sessions.findOneAndUpdate',
        answered,
      ]);
      // The reminder, the count, the booking written confirmed, the settle, and for the last
      // place the view's waitlist count.
      expect(confirmed).toEqual([
        ...platform,
        'notifications.insertMany',
        'parent_school_sessions.findOneAndUpdate',
        'parent_school_bookings.insertOne',
        'parent_school_sessions.findOneAndUpdate',
        'parent_school_bookings.countDocuments',
        answered,
      ]);
      // The ticket, the booking written waitlisted, the check for a place freed meanwhile, the
      // view's two counts; the reminder comes only if it is promoted.
      expect(waitlisted).toEqual([
        ...platform,
        'parent_school_sessions.findOneAndUpdate',
        'parent_school_bookings.insertOne',
        'parent_school_sessions.findOneAndUpdate',
        'parent_school_bookings.countDocuments',
        'parent_school_bookings.countDocuments',
        answered,
      ]);
      // In a burst, a booking that finds the room it saw gone costs no re-read and no retry.
      expect(perBooking).toBeLessThanOrEqual(8);
    },
    BURST_TIMEOUT_MS,
  );
});
