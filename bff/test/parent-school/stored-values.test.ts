import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

const HOUR = 3_600_000;
const post = (path: string, body: unknown) =>
  app.request('POST', `${base}${path}`, { token: app.staff, body, headers: { 'idempotency-key': randomUUID() } });
const session = (overrides: Record<string, unknown>) =>
  post('/staff/sessions', { courseId: app.courseId, venueId: app.venueId, capacity: 10, ...overrides });

describe('values a write derives stay inside what the responses can carry', () => {
  it('refuses a start whose derived end leaves the date range, stores nothing, and lists keep working', async () => {
    const before = await app.countDocuments();
    // The course lasts 30 minutes, so this end falls in 2101.
    const late = await session({ startsAt: '2100-12-31T23:50:00.000Z' });
    expect(late.status, late.text).toBe(400);
    expect(late.body.code).toBe('INVALID_SCHEDULE');
    expect(late.body.errors).toEqual([expect.objectContaining({ path: 'body.endsAt' })]);
    const far = await session({ startsAt: '9999-12-31T23:00:00.000Z' });
    expect(far.status).toBe(400);
    expect(far.body.code).toBe('VALIDATION_FAILED');
    expect(await app.countDocuments()).toEqual(before);
    expect((await app.request('GET', `${base}/sessions?schoolId=${app.schoolId}`)).status).toBe(200);
  });

  it('refuses an edit moving the start so far that the kept end or a derived value is out of range', async () => {
    const id = await app.createSession({ startsAt: new Date(Date.now() + HOUR).toISOString() });
    const edit = await app.request('PATCH', `${base}/staff/sessions/${id}`, {
      token: app.staff,
      body: { startsAt: '9999-12-31T23:00:00.000Z', endsAt: '9999-12-31T23:30:00.000Z' },
    });
    expect(edit.status).toBe(400);
    const shown = await app.request('GET', `${base}/sessions/${id}`);
    expect(shown.status).toBe(200);
    expect(new Date(shown.body.startsAt).getTime()).toBeLessThan(Date.now() + 2 * HOUR);
  });
});

describe('single-line text refuses control characters', () => {
  it.each([
    ['a bare CR', '家长课\rATTENDEE:mailto:x@example.com'],
    ['a line feed', '家长课\nATTENDEE:mailto:x@example.com'],
    ['a NUL', '家长课\u0000'],
    ['an escape', '家长课\u001b[31m'],
    ['DEL', '家长课\u007f'],
  ])('a course title with %s → 400, nothing stored', async (_, title) => {
    const before = await app.countDocuments();
    const response = await post('/staff/courses', {
      schoolId: app.schoolId,
      title,
      summary: '两行\n说明',
      speaker: '王老师',
      durationMinutes: 30,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.title' })]);
    expect(await app.countDocuments()).toEqual(before);
  });

  it('a multi-line summary keeps its line breaks but refuses other controls', async () => {
    const course = { schoolId: app.schoolId, title: '亲子沟通', speaker: '李老师', durationMinutes: 30 };
    const kept = await post('/staff/courses', { ...course, summary: '第一行\r\n第二行' });
    expect(kept.status, kept.text).toBe(201);
    expect(kept.body.summary).toBe('第一行\n第二行');
    const refused = await post('/staff/courses', { ...course, summary: '第一行\r第二行\u0007' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.summary' })]);
  });

  it('venue names and addresses and cancel reasons refuse them too (a trailing CR is trimmed like a space)', async () => {
    const venue = await post('/staff/venues', { schoolId: app.schoolId, name: '东\r门', address: '路\u0000' });
    expect(venue.body.errors?.map((e: { path: string }) => e.path).sort()).toEqual(['body.address', 'body.name']);
    const id = await app.createSession();
    const cancel = await app.request('POST', `${base}/staff/sessions/${id}/cancel`, {
      token: app.staff,
      body: { reason: '下雨\rX-INJECTED:1' },
    });
    expect(cancel.status).toBe(400);
  });
});
