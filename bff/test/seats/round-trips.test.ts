import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startParentSchoolApp, type ParentSchoolTestApp } from '../parent-school/support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

/**
 * The calls the requests make on the sessions and bookings collections, as "collection.method".
 * Mongoose's debug hook sees every collection call of the app's connection, and each is one
 * round trip. (Idempotency keys and sign-in checks are the platform's, counted elsewhere.)
 */
async function seatCalls(send: () => Promise<{ status: number }[]>) {
  const seen: string[] = [];
  app.connection.set('debug', (collection: string, method: string) => {
    if (collection.startsWith('parent_school_')) seen.push(`${collection}.${method}`);
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
      const sessionId = await app.createSession({ capacity: 1 });
      const confirmed = await seatCalls(async () => [await app.book(app.resident(), sessionId)]);
      const waitlisted = await seatCalls(async () => [await app.book(app.resident(), sessionId)]);

      const BURST = 100;
      const burstSession = await app.createSession({ capacity: 50 });
      const burst = await seatCalls(() =>
        Promise.all(Array.from({ length: BURST }, () => app.book(app.resident(), burstSession))),
      );
      const perBooking = Math.round((burst.length / BURST) * 10) / 10;
      console.log(
        JSON.stringify({ confirmed: confirmed.length, waitlisted: waitlisted.length, burstPerBooking: perBooking }),
      );

      // Read, insert, count, confirm, settle, and the view's waitlist count.
      expect(confirmed).toHaveLength(6);
      // Read, insert, ticket, waitlist, the check for a place freed meanwhile, the view's two counts.
      expect(waitlisted).toHaveLength(7);
      // In a burst, a booking that finds the room it saw gone costs no re-read and no retry.
      expect(perBooking).toBeLessThanOrEqual(7);
    },
    BURST_TIMEOUT_MS,
  );
});
