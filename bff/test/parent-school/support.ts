import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { Schools } from '../../src/features/parent-school/school.model';
import { Sessions } from '../../src/features/parent-school/session.model';
import { newObjectId, startTestApp, type TestApp, type TestAppOptions, type TestResponse } from '../support/app';

export const base = '/api/parent-school';
const HOUR = 3_600_000;

export interface ParentSchoolTestApp extends TestApp {
  schoolId: string;
  otherSchoolId: string;
  /** Staff of `schoolId`. */
  staff: string;
  /** Staff of `otherSchoolId` only. */
  otherStaff: string;
  venueId: string;
  courseId: string;
  /** A session starting in an hour, open for booking now. */
  createSession(overrides?: Record<string, unknown>): Promise<string>;
  resident(): string;
  book(token: string, sessionId: string, key?: string): Promise<TestResponse>;
  /** The seat counter and the bookings, read straight from the database. */
  seatState(
    sessionId: string,
  ): Promise<{ capacity: number; booked: number; journal: number; confirmed: number; tickets: number[] }>;
}

export async function startParentSchoolApp(options: TestAppOptions = {}): Promise<ParentSchoolTestApp> {
  const app = await startTestApp(options);
  const [school, other] = await Schools(app.connection).create([
    { name: '绍兴市第一初级中学', district: '越城区' },
    { name: '绍兴市建功中学', district: '越城区' },
  ]);
  const schoolId = school!._id.toHexString();
  const otherSchoolId = other!._id.toHexString();
  const staff = app.signIn('staff', [`school:${schoolId}`]).token;
  const otherStaff = app.signIn('staff', [`school:${otherSchoolId}`]).token;

  const created = async (path: string, body: unknown) => {
    const response = await app.request('POST', `${base}${path}`, {
      token: staff,
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(response.status, response.text).toBe(201);
    return response.body.id as string;
  };
  const venueId = await created('/staff/venues', { schoolId, name: '东门广场', address: '越城区胜利东路1号' });
  const courseId = await created('/staff/courses', {
    schoolId,
    title: '如何激发孩子的学习动力',
    summary: '三十分钟，聊聊孩子为什么不想学。',
    speaker: '王老师',
    durationMinutes: 30,
  });

  return {
    ...app,
    schoolId,
    otherSchoolId,
    staff,
    otherStaff,
    venueId,
    courseId,
    createSession: (overrides = {}) =>
      created('/staff/sessions', {
        courseId,
        venueId,
        startsAt: new Date(Date.now() + HOUR).toISOString(),
        capacity: 50,
        ...overrides,
      }),
    resident: () => app.signIn('resident').token,
    book: (token, sessionId, key = randomUUID()) =>
      app.request('POST', `${base}/bookings`, { token, body: { sessionId }, headers: { 'idempotency-key': key } }),
    async seatState(sessionId) {
      const session = await Sessions(app.connection).findById(sessionId).lean();
      if (!session) throw new Error('no such session');
      const bookings = await Bookings(app.connection).find({ pool: session._id }).lean();
      return {
        capacity: session.capacity,
        booked: session.booked,
        journal: session.journal.length,
        confirmed: bookings.filter((b) => b.status === 'confirmed').length,
        tickets: bookings
          .filter((b) => b.status === 'waitlisted')
          .map((b) => b.ticket!)
          .sort((a, b) => a - b),
      };
    },
  };
}

export { newObjectId };
