import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../src/features/parent-school/session.model';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const get = (path: string, token?: string) => app.request('GET', `${base}${path}`, { token });
const patch = (path: string, body: unknown) => app.request('PATCH', `${base}${path}`, { token: app.staff, body });

describe('booking window and cancel cut-off', () => {
  it('refuses booking before it opens and after it closes', async () => {
    const notYet = await app.createSession({ startsAt: inHours(5), bookingOpensAt: inHours(1) });
    const closed = await app.createSession({ startsAt: inHours(5), bookingClosesAt: inHours(4) });
    // As if an hour had passed since booking closed.
    await Sessions(app.connection).updateOne(
      { _id: closed },
      { $set: { bookingClosesAt: new Date(Date.now() - HOUR) } },
    );
    expect((await app.book(app.resident(), notYet)).body.code).toBe('BOOKING_NOT_OPEN');
    expect((await app.book(app.resident(), closed)).body.code).toBe('BOOKING_CLOSED');
  });

  it('a window staff move is honoured by the very next booking, though bookings reuse the session read', async () => {
    const sessionId = await app.createSession({ startsAt: inHours(5) });
    expect((await app.book(app.resident(), sessionId)).status).toBe(201);
    const moved = await patch(`/staff/sessions/${sessionId}`, { bookingOpensAt: inHours(2) });
    expect(moved.status, moved.text).toBe(200);
    expect((await app.book(app.resident(), sessionId)).body.code).toBe('BOOKING_NOT_OPEN');
  });

  it('refuses cancelling after the cut-off staff set', async () => {
    const sessionId = await app.createSession({ startsAt: inHours(1), cancelCutoffMinutes: 120 });
    const resident = app.resident();
    const booking = (await app.book(resident, sessionId)).body;
    const response = await app.request('POST', `${base}/bookings/${booking.id}/cancel`, { token: resident });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CANCEL_CUTOFF_PASSED');
  });
});

describe('staff tools', () => {
  it('cancelling a session cancels every booking, frees the seats and says why', async () => {
    const sessionId = await app.createSession({ capacity: 1 });
    const [a, b] = [app.resident(), app.resident()];
    const seat = (await app.book(a, sessionId)).body;
    const wait = (await app.book(b, sessionId)).body;

    const unexplained = await app.request('POST', `${base}/staff/sessions/${sessionId}/cancel`, {
      token: app.staff,
      body: { reason: ' ' },
    });
    expect(unexplained.body.code).toBe('VALIDATION_FAILED');
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 1, confirmed: 1 });

    const cancelled = await app.request('POST', `${base}/staff/sessions/${sessionId}/cancel`, {
      token: app.staff,
      body: { reason: '暴雨停课' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      seatsLeft: 0,
      waitlistLength: 0,
      cancelNote: '暴雨停课',
    });
    for (const [token, id] of [
      [a, seat.id],
      [b, wait.id],
    ] as const) {
      expect((await get(`/bookings/${id}`, token)).body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'session_cancelled',
        session: { cancelNote: '暴雨停课' },
      });
    }
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
    expect((await app.book(app.resident(), sessionId)).body.code).toBe('SESSION_CANCELLED');
    expect((await get(`/sessions?schoolId=${app.schoolId}`)).body.items.map((s: { id: string }) => s.id)).not.toContain(
      sessionId,
    );
  });

  it('more capacity promotes people waiting in order; less than is booked is refused', async () => {
    const sessionId = await app.createSession({ capacity: 1 });
    const people = [app.resident(), app.resident(), app.resident()];
    const bookings = [];
    for (const token of people) bookings.push((await app.book(token, sessionId)).body);

    const grown = await patch(`/staff/sessions/${sessionId}`, { capacity: 2 });
    expect(grown.status, grown.text).toBe(200);
    expect(grown.body).toMatchObject({ capacity: 2, seatsLeft: 0, waitlistLength: 1 });
    expect((await get(`/bookings/${bookings[1].id}`, people[1])).body.status).toBe('confirmed');
    expect((await get(`/bookings/${bookings[2].id}`, people[2])).body).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });

    const shrunk = await patch(`/staff/sessions/${sessionId}`, { capacity: 1 });
    expect(shrunk.status).toBe(409);
    expect(shrunk.body.code).toBe('CAPACITY_BELOW_BOOKED');
    expect(await app.seatState(sessionId)).toMatchObject({ capacity: 2, booked: 2, confirmed: 2 });
  });

  it('moving a session keeps my bookings in step, and bad times are refused', async () => {
    const sessionId = await app.createSession();
    const resident = app.resident();
    await app.book(resident, sessionId);
    const moved = await patch(`/staff/sessions/${sessionId}`, { startsAt: inHours(30), endsAt: inHours(30.5) });
    expect(moved.status, moved.text).toBe(200);
    const upcoming = await get('/me/bookings', resident);
    expect(upcoming.body.items[0].session.startsAt).toBe(moved.body.startsAt);

    const backwards = await patch(`/staff/sessions/${sessionId}`, { endsAt: inHours(29) });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({
      code: 'INVALID_SCHEDULE',
      errors: [expect.objectContaining({ path: 'body.endsAt', code: 'ENDS_NOT_AFTER_START' })],
    });
  });

  it('a new session records an opening for 下期提醒 subscribers', async () => {
    const resident = app.resident();
    const subscribe = () =>
      app.request('POST', `${base}/subscriptions`, {
        token: resident,
        body: { target: 'venue', targetId: app.venueId },
        headers: { 'idempotency-key': randomUUID() },
      });
    const first = await subscribe();
    const second = await subscribe();
    expect(first.status, first.text).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect((await get('/me/subscriptions', resident)).body.items).toEqual([
      expect.objectContaining({ target: 'venue', label: '东门广场' }),
    ]);

    const sessionId = await app.createSession();
    expect(await Sessions(app.connection).countDocuments({ _id: sessionId, openingDeliveredAt: null })).toBe(1);

    const removed = await app.request('DELETE', `${base}/subscriptions/${first.body.id}`, { token: resident });
    expect(removed.body).toEqual({ ok: true });
    expect((await get('/me/subscriptions', resident)).body.items).toEqual([]);
  });
});

describe('lists', () => {
  it('pages sessions by start time without repeats', async () => {
    for (const h of [50, 51, 52]) await app.createSession({ startsAt: inHours(h), endsAt: inHours(h + 0.5) });
    const from = inHours(49);
    const first = await get(`/sessions?schoolId=${app.schoolId}&from=${encodeURIComponent(from)}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await get(
      `/sessions?schoolId=${app.schoolId}&from=${encodeURIComponent(from)}&limit=2&cursor=${first.body.nextCursor}`,
    );
    const starts = [...first.body.items, ...second.body.items].map((s: { startsAt: string }) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.length).toBeGreaterThanOrEqual(3);
  });
});

describe('account deletion', () => {
  it('cancels the account’s bookings and hands its seat to the first person waiting', async () => {
    const sessionId = await app.createSession({ capacity: 1 });
    const leaving = app.signIn('resident');
    const waiting = app.resident();
    const seat = (await app.book(leaving.token, sessionId)).body;
    const queued = (await app.book(waiting, sessionId)).body;

    await app.deps.accountData.deleteAll(leaving.user.id, app.deps);

    expect((await get(`/bookings/${queued.id}`, waiting)).body.status).toBe('confirmed');
    const gone = await app.seatState(sessionId);
    expect(gone).toMatchObject({ booked: 1, confirmed: 1, journal: 0 });
    expect(seat.status).toBe('confirmed');
  });
});
