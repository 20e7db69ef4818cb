import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

describe('the booking life cycle', () => {
  it('books, waits, is promoted on a cancellation, checks in, and shows up in the roster', async () => {
    const sessionId = await app.createSession({ capacity: 1 });
    const [first, second] = [app.resident(), app.resident()];

    const listed = await app.request('GET', `${base}/sessions?schoolId=${app.schoolId}`, { token: first });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: sessionId, seatsLeft: 1, waitlistLength: 0, myBooking: null }),
    ]);

    const mine = await app.book(first, sessionId);
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body).toMatchObject({
      status: 'confirmed',
      position: null,
      shortCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(mine.body.session).toMatchObject({ seatsLeft: 0, myBooking: { id: mine.body.id, status: 'confirmed' } });

    const waiting = await app.book(second, sessionId);
    expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1, shortCode: null });
    expect(waiting.body.session).toMatchObject({
      seatsLeft: 0,
      waitlistLength: 1,
      myBooking: { status: 'waitlisted', position: 1 },
    });
    const third = app.resident();
    const behind = await app.book(third, sessionId);
    expect(behind.body).toMatchObject({ position: 2, session: { waitlistLength: 2 } });
    // Leaving the waitlist moves nobody up a seat and frees none.
    const left = await app.request('POST', `${base}/bookings/${behind.body.id}/cancel`, { token: third });
    expect(left.body).toMatchObject({ status: 'cancelled', session: { seatsLeft: 0, waitlistLength: 1 } });

    const again = await app.book(first, sessionId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_BOOKED');

    const pass = await app.request('GET', `${base}/bookings/${mine.body.id}/pass`, { token: first });
    expect(pass.status, pass.text).toBe(200);
    expect(pass.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const waitingPass = await app.request('GET', `${base}/bookings/${waiting.body.id}/pass`, { token: second });
    expect(waitingPass.body.code).toBe('BOOKING_NOT_CONFIRMED');

    const calendar = await app.request('GET', `${base}/bookings/${mine.body.id}/calendar.ics`, { token: first });
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(calendar.text).toContain('SUMMARY:家长学校：如何激发孩子的学习动力');

    const cancelled = await app.request('POST', `${base}/bookings/${mine.body.id}/cancel`, { token: first });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'resident', shortCode: null });
    const twice = await app.request('POST', `${base}/bookings/${mine.body.id}/cancel`, { token: first });
    expect(twice.body.status).toBe('cancelled');

    const promoted = await app.request('GET', `${base}/bookings/${waiting.body.id}`, { token: second });
    expect(promoted.body).toMatchObject({
      status: 'confirmed',
      position: null,
      shortCode: expect.stringMatching(/^\d{6}$/),
    });
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 1, confirmed: 1, journal: 0, tickets: [] });

    const checkedIn = await app.request('POST', `${base}/staff/sessions/${sessionId}/check-ins`, {
      token: app.staff,
      body: { code: promoted.body.shortCode },
    });
    expect(checkedIn.status, checkedIn.text).toBe(200);

    const upcoming = await app.request('GET', `${base}/me/bookings`, { token: second });
    expect(upcoming.body.items).toEqual([
      expect.objectContaining({ id: waiting.body.id, checkedInAt: expect.any(String) }),
    ]);

    const roster = await app.request('GET', `${base}/staff/sessions/${sessionId}/roster`, { token: app.staff });
    expect(roster.status, roster.text).toBe(200);
    expect(roster.body.counts).toEqual({ confirmed: 1, waitlisted: 0, checkedIn: 1, noShows: 0, cancelled: 2 });

    const year = new Date().getFullYear();
    const served = await app.request('GET', `${base}/staff/schools/${app.schoolId}/families-served?year=${year}`, {
      token: app.staff,
    });
    expect(served.status, served.text).toBe(200);
    expect(served.body).toMatchObject({
      families: 1,
      checkIns: 1,
      courses: [expect.objectContaining({ courseId: app.courseId, families: 1 })],
    });
  });
});
