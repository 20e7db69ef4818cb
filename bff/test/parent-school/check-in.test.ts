import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
let sessionId: string;
beforeAll(async () => {
  app = await startParentSchoolApp();
  sessionId = await app.createSession({ capacity: 10 });
});
afterAll(() => app?.close());

const checkIn = (body: unknown, session = sessionId, token = app.staff) =>
  app.request('POST', `${base}/staff/sessions/${session}/check-ins`, { token, body });

async function bookedWithPass() {
  const resident = app.resident();
  const booking = (await app.book(resident, sessionId)).body;
  const pass = await app.request('GET', `${base}/bookings/${booking.id}/pass`, { token: resident });
  expect(pass.status, pass.text).toBe(200);
  return { resident, booking, pass: pass.body };
}

describe('check-in', () => {
  it('by scanned token once; a second scan answers ALREADY_CHECKED_IN and changes nothing', async () => {
    const { resident, booking, pass } = await bookedWithPass();
    const first = await checkIn({ token: pass.token });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ bookingId: booking.id, shortCode: booking.shortCode });
    const stored = await Bookings(app.connection).findById(booking.id).lean();

    const second = await checkIn({ token: pass.token });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('ALREADY_CHECKED_IN');
    const typed = await checkIn({ code: booking.shortCode });
    expect(typed.body.code).toBe('ALREADY_CHECKED_IN');
    const after = await Bookings(app.connection).findById(booking.id).lean();
    expect(after?.checkedInAt).toEqual(stored?.checkedInAt);

    // The pass is spent, and a checked-in seat cannot be cancelled away.
    expect((await app.request('GET', `${base}/bookings/${booking.id}/pass`, { token: resident })).body.code).toBe(
      'ALREADY_CHECKED_IN',
    );
    expect((await app.request('POST', `${base}/bookings/${booking.id}/cancel`, { token: resident })).body.code).toBe(
      'ALREADY_CHECKED_IN',
    );
  });

  it('two staff scanning the same pass at once check it in exactly once', async () => {
    const { pass } = await bookedWithPass();
    const answers = await Promise.all([
      checkIn({ token: pass.token }),
      checkIn({ token: pass.token }),
      checkIn({ token: pass.token }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('by typed short code', async () => {
    const { booking } = await bookedWithPass();
    const response = await checkIn({ code: booking.shortCode });
    expect(response.status, response.text).toBe(200);
  });

  it('refuses a cancelled booking with BOOKING_CANCELLED', async () => {
    const { resident, booking, pass } = await bookedWithPass();
    await app.request('POST', `${base}/bookings/${booking.id}/cancel`, { token: resident });
    expect((await checkIn({ token: pass.token })).body.code).toBe('BOOKING_CANCELLED');
    expect((await checkIn({ code: booking.shortCode })).body.code).toBe('BOOKING_CANCELLED');
  });

  it('refuses a booking of another session of the school with BOOKING_OTHER_SESSION', async () => {
    const { pass } = await bookedWithPass();
    const elsewhere = await app.createSession({ capacity: 5 });
    const response = await checkIn({ token: pass.token }, elsewhere);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('BOOKING_OTHER_SESSION');
  });

  it('refuses a forged or altered token with CHECK_IN_TOKEN_INVALID', async () => {
    const { pass } = await bookedWithPass();
    const [prefix, id, signature] = pass.token.split('.');
    const altered = `${prefix}.${id}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [altered, 'ps1.not-a-token-at-all', `ps1.${'0'.repeat(24)}.${signature}`]) {
      const response = await checkIn({ token });
      expect(response.status, token).toBe(400);
      expect(response.body.code).toBe('CHECK_IN_TOKEN_INVALID');
    }
  });

  it('refuses a waitlisted booking with BOOKING_NOT_CONFIRMED', async () => {
    const full = await app.createSession({ capacity: 1 });
    await app.book(app.resident(), full);
    const waiting = (await app.book(app.resident(), full)).body;
    const stored = await Bookings(app.connection).findById(waiting.id).lean();
    const response = await checkIn({ code: stored!.shortCode }, full);
    expect(response.body.code).toBe('BOOKING_NOT_CONFIRMED');
  });

  it('is only open around the session: not days ahead', async () => {
    const later = await app.createSession({ startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    const resident = app.resident();
    const booking = (await app.book(resident, later)).body;
    const response = await checkIn({ code: booking.shortCode }, later);
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('CHECK_IN_NOT_OPEN');
  });
});
