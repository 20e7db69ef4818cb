import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { Courses } from '../../src/features/parent-school/course.model';
import { Sessions } from '../../src/features/parent-school/session.model';
import { base, newObjectId, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
let sessionId: string;
let owner: string;
let bookingId: string;
beforeAll(async () => {
  app = await startParentSchoolApp();
  sessionId = await app.createSession({ capacity: 5 });
  owner = app.resident();
  bookingId = (await app.book(owner, sessionId)).body.id;
});
afterAll(() => app?.close());

/** A foreign object must answer byte-for-byte like a missing one, and change nothing. */
async function looksMissing(send: (id: string) => Promise<{ status: number; body: unknown }>, foreignId: string) {
  const before = await app.countDocuments();
  const foreign = await send(foreignId);
  const missing = await send(newObjectId());
  expect(foreign.status).toBe(404);
  expect(foreign.body).toEqual(missing.body);
  expect(await app.countDocuments()).toEqual(before);
}

describe('another resident’s booking is 404 and untouched', () => {
  it.each([
    ['read', 'GET', ''],
    ['check-in pass', 'GET', '/pass'],
    ['calendar', 'GET', '/calendar.ics'],
    ['cancel', 'POST', '/cancel'],
  ])('%s', async (_, method, suffix) => {
    const stranger = app.resident();
    await looksMissing((id) => app.request(method, `${base}/bookings/${id}${suffix}`, { token: stranger }), bookingId);
    const stored = await Bookings(app.connection).findById(bookingId).lean();
    expect(stored?.status).toBe('confirmed');
  });

  it('another resident’s subscription cannot be removed', async () => {
    const mine = await app.request('POST', `${base}/subscriptions`, {
      token: owner,
      body: { target: 'course', targetId: app.courseId },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(mine.status, mine.text).toBe(201);
    await looksMissing(
      (id) => app.request('DELETE', `${base}/subscriptions/${id}`, { token: app.resident() }),
      mine.body.id,
    );
    expect((await app.request('GET', `${base}/me/subscriptions`, { token: owner })).body.items).toHaveLength(1);
  });

  it('my bookings never list anyone else’s', async () => {
    const list = await app.request('GET', `${base}/me/bookings`, { token: app.resident() });
    expect(list.body.items).toEqual([]);
  });
});

describe('staff of another school get 404, and nothing changes', () => {
  it.each([
    ['roster', 'GET', (s: string) => `/staff/sessions/${s}/roster`, undefined],
    ['check-in', 'POST', (s: string) => `/staff/sessions/${s}/check-ins`, { code: '000000' }],
    ['edit session', 'PATCH', (s: string) => `/staff/sessions/${s}`, { capacity: 1 }],
    ['cancel session', 'POST', (s: string) => `/staff/sessions/${s}/cancel`, { reason: '改期' }],
  ])('%s', async (_, method, path, body) => {
    await looksMissing((id) => app.request(method, `${base}${path(id)}`, { token: app.otherStaff, body }), sessionId);
    const session = await Sessions(app.connection).findById(sessionId).lean();
    expect(session).toMatchObject({ status: 'scheduled', capacity: 5 });
  });

  it('edit course and venue', async () => {
    await looksMissing(
      (id) => app.request('PATCH', `${base}/staff/courses/${id}`, { token: app.otherStaff, body: { title: '改' } }),
      app.courseId,
    );
    await looksMissing(
      (id) => app.request('PATCH', `${base}/staff/venues/${id}`, { token: app.otherStaff, body: { name: '改' } }),
      app.venueId,
    );
    expect((await Courses(app.connection).findById(app.courseId).lean())?.title).toBe('如何激发孩子的学习动力');
  });

  it('schedule a session of another school’s course, or add to another school', async () => {
    const create = (courseId: string) =>
      app.request('POST', `${base}/staff/sessions`, {
        token: app.otherStaff,
        body: { courseId, venueId: app.venueId, startsAt: new Date(Date.now() + 3_600_000).toISOString(), capacity: 5 },
        headers: { 'idempotency-key': randomUUID() },
      });
    await looksMissing(create, app.courseId);
    const venue = await app.request('POST', `${base}/staff/venues`, {
      token: app.otherStaff,
      body: { schoolId: app.schoolId, name: '西门', address: '某路' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(venue.status).toBe(404);
  });

  it('families served of another school', async () => {
    await looksMissing(
      (id) => app.request('GET', `${base}/staff/schools/${id}/families-served?year=2026`, { token: app.otherStaff }),
      app.schoolId,
    );
  });

  it('a check-in token from another school’s booking is not recognised there', async () => {
    const pass = (await app.request('GET', `${base}/bookings/${bookingId}/pass`, { token: owner })).body;
    const theirCourse = await app.request('POST', `${base}/staff/courses`, {
      token: app.otherStaff,
      body: { schoolId: app.otherSchoolId, title: '亲子沟通', summary: '沟通', speaker: '李老师', durationMinutes: 30 },
      headers: { 'idempotency-key': randomUUID() },
    });
    const theirVenue = await app.request('POST', `${base}/staff/venues`, {
      token: app.otherStaff,
      body: { schoolId: app.otherSchoolId, name: '南门', address: '某路' },
      headers: { 'idempotency-key': randomUUID() },
    });
    const theirSession = await app.request('POST', `${base}/staff/sessions`, {
      token: app.otherStaff,
      body: {
        courseId: theirCourse.body.id,
        venueId: theirVenue.body.id,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        capacity: 5,
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(theirSession.status, theirSession.text).toBe(201);
    const response = await app.request('POST', `${base}/staff/sessions/${theirSession.body.id}/check-ins`, {
      token: app.otherStaff,
      body: { token: pass.token },
    });
    expect(response.status).toBe(404);
    expect((await Bookings(app.connection).findById(bookingId).lean())?.checkedInAt).toBeNull();
  });

  it('residents are refused staff routes with 403', async () => {
    const response = await app.request('GET', `${base}/staff/sessions/${sessionId}/roster`, { token: owner });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });
});
