import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../../src/features/parent-school/session.model';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
let sessionId: string;
beforeAll(async () => {
  app = await startParentSchoolApp();
  sessionId = await app.createSession({ capacity: 5 });
});
afterAll(() => app?.close());

const HOUR = 3_600_000;
const post = (path: string, body: unknown, token: string) =>
  app.request('POST', `${base}${path}`, { token, body, headers: { 'idempotency-key': randomUUID() } });

/** Sends a refused request and proves it answered 400 with `code` and stored nothing at all. */
async function refused(send: () => Promise<{ status: number; body: { code?: string } }>, code: string) {
  const before = await app.countDocuments();
  const response = await send();
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.code).toBe(code);
  expect(await app.countDocuments()).toEqual(before);
}

const sessionBody = (overrides: Record<string, unknown>) => ({
  courseId: app.courseId,
  venueId: app.venueId,
  startsAt: new Date(Date.now() + HOUR).toISOString(),
  capacity: 30,
  ...overrides,
});

describe('bad input is refused with 400 and a stable code, and nothing is stored', () => {
  it('unknown keys, including fields the server owns (mass assignment)', async () => {
    const resident = app.resident();
    await refused(() => post('/bookings', { sessionId, status: 'confirmed' }, resident), 'VALIDATION_FAILED');
    await refused(() => post('/staff/sessions', sessionBody({ booked: 0 }), app.staff), 'VALIDATION_FAILED');
    await refused(
      () => post('/staff/venues', { schoolId: app.schoolId, name: '北门', address: '某路', schoolIdx: 1 }, app.staff),
      'VALIDATION_FAILED',
    );
    await refused(
      () => app.request('GET', `${base}/sessions?schoolId=${app.schoolId}&sort=-startsAt`),
      'VALIDATION_FAILED',
    );
  });

  it('operator objects in bodies and queries', async () => {
    const resident = app.resident();
    await refused(() => post('/bookings', { sessionId: { $gt: '' } }, resident), 'VALIDATION_FAILED');
    await refused(
      () => post(`/staff/sessions/${sessionId}/check-ins`, { code: { $ne: '' } }, app.staff),
      'VALIDATION_FAILED',
    );
    await refused(() => app.request('GET', `${base}/sessions?schoolId[$ne]=x`), 'VALIDATION_FAILED');
    await refused(
      () => post('/subscriptions', { target: 'course', targetId: { $regex: '.*' } }, resident),
      'VALIDATION_FAILED',
    );
  });

  it('ids that are not 24 hex characters', async () => {
    const resident = app.resident();
    await refused(() => post('/bookings', { sessionId: 'abc' }, resident), 'VALIDATION_FAILED');
    await refused(() => post('/bookings', { sessionId: `${sessionId}0` }, resident), 'VALIDATION_FAILED');
    await refused(() => app.request('GET', `${base}/bookings/not-an-id`, { token: resident }), 'VALIDATION_FAILED');
    await refused(() => app.request('GET', `${base}/sessions/${sessionId.toUpperCase()}`), 'VALIDATION_FAILED');
  });

  it('sessions in the past: scheduling one, and booking one that has started', async () => {
    await refused(
      () => post('/staff/sessions', sessionBody({ startsAt: new Date(Date.now() - HOUR).toISOString() }), app.staff),
      'INVALID_SCHEDULE',
    );
    await refused(
      () => post('/staff/sessions', sessionBody({ endsAt: new Date(Date.now() + HOUR / 2).toISOString() }), app.staff),
      'INVALID_SCHEDULE',
    );
    const started = await app.createSession();
    await Sessions(app.connection).updateOne({ _id: started }, { $set: { startsAt: new Date(Date.now() - 60_000) } });
    await refused(() => app.book(app.resident(), started), 'SESSION_IN_PAST');
  });

  it('negative, zero, fractional, textual and huge capacities', async () => {
    for (const capacity of [-1, 0, 2.5, '30', 5001, 1e12]) {
      await refused(() => post('/staff/sessions', sessionBody({ capacity }), app.staff), 'VALIDATION_FAILED');
      await refused(
        () => app.request('PATCH', `${base}/staff/sessions/${sessionId}`, { token: app.staff, body: { capacity } }),
        'VALIDATION_FAILED',
      );
    }
  });

  it('a malformed page cursor', async () => {
    await refused(() => app.request('GET', `${base}/sessions?cursor=bm9wZQ`), 'VALIDATION_FAILED');
  });
});
