import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import type { TestResponse } from '../support/app';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

// Hundreds of requests against one in-process devdb on two cores.
const BURST_TIMEOUT_MS = 60_000;

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('capacity under concurrency', () => {
  it(
    '300 parallel bookings on 50 seats: exactly 50 confirmed, 250 waiting in a gap-free order',
    async () => {
      const sessionId = await app.createSession({ capacity: 50 });
      const residents = range(300).map(() => app.resident());

      const responses = await Promise.all(residents.map((token) => app.book(token, sessionId)));

      expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
      const confirmed = responses.filter((r) => r.body.status === 'confirmed');
      const waiting = responses.filter((r) => r.body.status === 'waitlisted');
      expect(confirmed).toHaveLength(50);
      expect(waiting).toHaveLength(250);

      const state = await app.seatState(sessionId);
      expect(state).toMatchObject({ capacity: 50, booked: 50, confirmed: 50, journal: 0 });
      expect(state.tickets).toEqual(range(250));

      // Each person's position, read back now, is their place: 1..250, each exactly once.
      const positions = await Promise.all(
        waiting.map(async (r) => {
          const token = residents[responses.indexOf(r)]!;
          return (await app.request('GET', `${base}/bookings/${r.body.id}`, { token })).body.position as number;
        }),
      );
      expect(positions.sort((a, b) => a - b)).toEqual(range(250));

      const session = await app.request('GET', `${base}/sessions/${sessionId}`);
      expect(session.body).toMatchObject({ seatsLeft: 0, waitlistLength: 250 });
    },
    BURST_TIMEOUT_MS,
  );

  it(
    '100 cancellations and bookings interleaved: counter matches, nobody promoted twice or out of order',
    async () => {
      const sessionId = await app.createSession({ capacity: 50 });
      const holders = range(100).map(() => app.resident());
      const initial: { token: string; booking: { id: string; status: string } }[] = [];
      // Booked one by one so the first 50 hold seats and the other 50 wait in a known order.
      for (const token of holders) initial.push({ token, booking: (await app.book(token, sessionId)).body });
      expect(initial.filter((i) => i.booking.status === 'confirmed')).toHaveLength(50);

      const cancelling = shuffle(initial).slice(0, 50);
      const newcomers = range(50).map(() => app.resident());
      const requests = shuffle([
        ...cancelling.map(({ token, booking }) => ({
          token,
          newcomer: false,
          send: () => app.request('POST', `${base}/bookings/${booking.id}/cancel`, { token }),
        })),
        ...newcomers.map((token) => ({ token, newcomer: true, send: () => app.book(token, sessionId) })),
      ]);
      const responses: TestResponse[] = await Promise.all(requests.map(({ send }) => send()));
      expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);

      const state = await app.seatState(sessionId);
      expect(state.journal).toBe(0);
      expect(state.booked).toBe(state.confirmed);
      // 100 active people remain for 50 seats, so no seat may stay free.
      expect(state.confirmed).toBe(50);
      expect(new Set(state.tickets).size).toBe(state.tickets.length);

      const bookings = await Bookings(app.connection).find({ pool: sessionId }).lean();
      const confirmed = bookings.filter((b) => b.status === 'confirmed');
      // Every confirmation came from exactly one op, and no op confirmed two people.
      expect(new Set(confirmed.map((b) => String(b.seatOp))).size).toBe(confirmed.length);

      // Every freed seat goes to someone waiting before the burst (their tickets are lower), and
      // there are exactly as many freed seats as such people left: all of them move up, in order.
      const cancelled = new Set(cancelling.map((c) => c.booking.id));
      const earlyWaiters = initial
        .filter((i) => i.booking.status === 'waitlisted' && !cancelled.has(i.booking.id))
        .map((i) => bookings.find((b) => b._id.toHexString() === i.booking.id)!);
      expect(earlyWaiters.map((b) => b.status)).toEqual(earlyWaiters.map(() => 'confirmed'));
      // So no newcomer has a seat: they are the ones still waiting.
      const tokenOf = new Map(
        responses.flatMap((r, i) =>
          requests[i]!.newcomer ? [[r.body.id as string, requests[i]!.token] as const] : [],
        ),
      );
      const newcomerIds = new Set(tokenOf.keys());
      expect(newcomerIds.size).toBe(50);
      const stillWaiting = bookings.filter((b) => b.status === 'waitlisted');
      expect(stillWaiting.map((b) => b._id.toHexString()).sort()).toEqual([...newcomerIds].sort());

      // Positions shown to the people still waiting are exactly 1..50.
      const shown = await Promise.all(
        [...newcomerIds].map(
          async (id) => (await app.request('GET', `${base}/bookings/${id}`, { token: tokenOf.get(id) })).body.position,
        ),
      );
      expect(shown.sort((a, b) => a - b)).toEqual(range(50));
    },
    BURST_TIMEOUT_MS,
  );
});
