import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { promotionNotices } from '../../src/features/parent-school/notices';
import { Schools } from '../../src/features/parent-school/school.model';
import { sessionSeatModels, sessionSeats } from '../../src/features/parent-school/seats';
import { courseOpenings, sessionSeatRepair } from '../../src/features/parent-school/sweepers';
import { Notifications } from '../../src/platform/notifications/notification.model';
import { repairSeats } from '../../src/platform/seats/repair';
import { REPAIR_AFTER_MS } from '../../src/platform/seats/seats';
import { grant, startNotificationsApp, type NotificationsTestApp } from './support';

const base = '/api/parent-school';
const HOUR = 3_600_000;
let app: NotificationsTestApp;
let staff: string;
let courseId: string;
let venueId: string;

const post = async (path: string, token: string, body: unknown = {}, expected = 200) => {
  const response = await app.request('POST', path, { token, body, headers: { 'idempotency-key': randomUUID() } });
  expect(response.status, response.text).toBe(expected);
  return response.body;
};
const newSession = async (capacity: number, startsInMs = 3 * HOUR) =>
  (
    await post(
      `${base}/staff/sessions`,
      staff,
      { courseId, venueId, capacity, startsAt: new Date(app.clock.now().getTime() + startsInMs).toISOString() },
      201,
    )
  ).id as string;
const book = async (token: string, sessionId: string) => post(`${base}/bookings`, token, { sessionId }, 201);
const inbox = async (token: string) => (await app.request('GET', '/api/notifications', { token })).body.items;

afterEach(() => app.clock.reset());

beforeAll(async () => {
  app = await startNotificationsApp();
  const school = await Schools(app.connection).create({ name: '绍兴市第一初级中学', district: '越城区' });
  const schoolId = school._id.toHexString();
  staff = app.signIn('staff', [`school:${schoolId}`]).token;
  venueId = (await post(`${base}/staff/venues`, staff, { schoolId, name: '东门广场', address: '胜利东路1号' }, 201)).id;
  courseId = (
    await post(
      `${base}/staff/courses`,
      staff,
      { schoolId, title: '如何激发孩子的学习动力', summary: '三十分钟。', speaker: '王老师', durationMinutes: 30 },
      201,
    )
  ).id;
});
afterAll(() => app.close());

describe('waitlist promotion', () => {
  it('tells the promoted resident once, with a link to the booking; inbox read/unread and 404 for others', async () => {
    const sessionId = await newSession(1);
    const first = await app.signInWith('wechat', 'p-first');
    const second = await app.signInWith('wechat', 'p-second');
    const mine = await book(first.token, sessionId);
    const waiting = await book(second.token, sessionId);
    expect(waiting.status).toBe('waitlisted');
    await post(`${base}/bookings/${mine.id}/cancel`, first.token);

    const items = await inbox(second.token);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'booking_promoted',
        title: '候补成功',
        link: `/parent-school/pages/mine/index?booking=${waiting.id}`,
        readAt: null,
      }),
    ]);
    const unread = () => app.request('GET', '/api/notifications/unread-count', { token: second.token });
    expect((await unread()).body).toEqual({ count: 1 });
    // Someone else's notification answers like a missing one, and nothing changes.
    const foreign = await app.request('POST', `/api/notifications/items/${items[0].id}/read`, { token: first.token });
    expect(foreign.status).toBe(404);
    expect((await app.request('GET', `/api/notifications/items/${items[0].id}`, { token: first.token })).status).toBe(
      404,
    );
    expect((await unread()).body).toEqual({ count: 1 });
    const read = await post(`/api/notifications/items/${items[0].id}/read`, second.token);
    expect(read.readAt).toBe(app.clock.now().toISOString());
    expect((await unread()).body).toEqual({ count: 0 });
    expect(await Notifications(app.connection).countDocuments({ dedupeKey: `ps:promoted:${waiting.id}` })).toBe(1);
  });

  it('a request killed after the promotion and before telling: repair tells, and the push goes out exactly once', async () => {
    const sessionId = await newSession(1);
    const first = await app.signInWith('wechat', 'k-first');
    const second = await app.signInWith('wechat', 'k-second');
    await grant(app, second.token, 'TPL-promoted');
    const mine = await book(first.token, sessionId);
    const waiting = await book(second.token, sessionId);
    const killed = sessionSeats(app, {
      onPromoted: () => {
        throw new Error('killed');
      },
    });
    await expect(killed.release(new Types.ObjectId(mine.id), { cancelReason: 'resident' })).rejects.toThrow('killed');
    expect((await Bookings(app.connection).findById(waiting.id).lean())!.status).toBe('confirmed');
    expect(await inbox(second.token)).toEqual([]);

    // After the restart, the stale journal entry is repaired and the resident is told.
    app.clock.advance(REPAIR_AFTER_MS + 1);
    const restarted = app.deps;
    expect(await sessionSeatRepair.tick(restarted)).toEqual({ pools: 1, finished: 1, abandoned: 0 });
    await repairSeats(sessionSeatModels(app.connection), new Types.ObjectId(sessionId), {
      now: app.clock.now(),
      staleMs: 0,
      onPromoted: promotionNotices(restarted),
    });
    const before = app.platform.push.sent.length;
    const [a, b] = await Promise.all([app.worker().tick(restarted), app.worker().tick(restarted)]);
    expect(a.sent + b.sent).toBe(1);
    expect(app.platform.push.sent.slice(before)).toEqual([expect.objectContaining({ templateId: 'TPL-promoted' })]);
    expect(await inbox(second.token)).toHaveLength(1);
  });
  it('a capacity raise killed after promoting and before telling: the sweeper tells, once', async () => {
    const sessionId = await newSession(1);
    const first = await app.signInWith('wechat', 'f-first');
    const second = await app.signInWith('wechat', 'f-second');
    await book(first.token, sessionId);
    const waiting = await book(second.token, sessionId);
    const killed = sessionSeats(app, {
      onPromoted: () => {
        throw new Error('killed');
      },
    });
    await expect(killed.setCapacity(new Types.ObjectId(sessionId), 2)).rejects.toThrow('killed');
    expect((await Bookings(app.connection).findById(waiting.id).lean())!.status).toBe('confirmed');
    expect(await inbox(second.token)).toEqual([]);

    app.clock.advance(REPAIR_AFTER_MS + 1);
    expect(await sessionSeatRepair.tick(app.deps)).toEqual({ pools: 1, finished: 1, abandoned: 0 });
    expect(await sessionSeatRepair.tick(app.deps)).toEqual({ pools: 0, finished: 0, abandoned: 0 });
    expect(await inbox(second.token)).toEqual([expect.objectContaining({ kind: 'booking_promoted' })]);
    expect(await Notifications(app.connection).countDocuments({ dedupeKey: `ps:promoted:${waiting.id}` })).toBe(1);
  });
});

describe('the one-hour reminder', () => {
  const reminder = (bookingId: string) =>
    Notifications(app.connection)
      .findOne({ dedupeKey: `ps:reminder:${bookingId}` })
      .lean();

  it('is scheduled at booking for an hour before the start and withdrawn by a cancellation', async () => {
    const sessionId = await newSession(5);
    const resident = await app.signInWith('wechat', 'r-cancel');
    const booking = await book(resident.token, sessionId);
    const start = new Date(booking.session.startsAt).getTime();
    expect(await reminder(booking.id)).toMatchObject({
      kind: 'class_reminder',
      state: 'held',
      pushBy: new Date(start),
      delivery: { status: 'waiting', dueAt: new Date(start - HOUR) },
    });
    await post(`${base}/bookings/${booking.id}/cancel`, resident.token);
    expect(await reminder(booking.id)).toMatchObject({ state: 'cancelled', delivery: { status: 'skipped' } });
    const at = new Date(start - HOUR + 1);
    await app.worker().tick({ ...app.deps, clock: { now: () => at } });
    expect(await inbox(resident.token)).toEqual([]);
  });

  it('moves with a rescheduled session and then stands in the inbox at its new time', async () => {
    const sessionId = await newSession(5);
    const resident = await app.signInWith('wechat', 'r-move');
    const booking = await book(resident.token, sessionId);
    const moved = new Date(new Date(booking.session.startsAt).getTime() + 24 * HOUR);
    const response = await app.request('PATCH', `${base}/staff/sessions/${sessionId}`, {
      token: staff,
      body: { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + HOUR / 2).toISOString() },
    });
    expect(response.status, response.text).toBe(200);
    const note = await reminder(booking.id);
    expect(note).toMatchObject({
      visibleAt: new Date(moved.getTime() - HOUR),
      pushBy: moved,
      delivery: { dueAt: new Date(moved.getTime() - HOUR) },
    });
    expect(note!.body).toContain('03月03日 15:00');
    // The change itself is told at once; the reminder waits for its new time.
    expect(await inbox(resident.token)).toEqual([
      expect.objectContaining({ kind: 'session_rescheduled', body: expect.stringContaining('改到 03月03日 15:00') }),
    ]);
    app.clock.set(new Date(moved.getTime() - HOUR));
    try {
      expect((await inbox(resident.token)).map((n: { kind: string }) => n.kind)).toEqual([
        'class_reminder',
        'session_rescheduled',
      ]);
    } finally {
      app.clock.set(new Date('2026-03-02T04:00:00Z'));
    }
  });
});

describe('session cancellation and 下期提醒', () => {
  it('tells everyone booked the reason, urgently when the start is near, and withdraws their reminders', async () => {
    const sessionId = await newSession(1, HOUR);
    const confirmed = await app.signInWith('wechat', 'c-one');
    const waitlisted = await app.signInWith('wechat', 'c-two');
    const b1 = await book(confirmed.token, sessionId);
    await book(waitlisted.token, sessionId);
    await post(`${base}/staff/sessions/${sessionId}/cancel`, staff, { reason: '台风停课' });
    for (const who of [confirmed, waitlisted]) {
      expect(await inbox(who.token)).toEqual([
        expect.objectContaining({ kind: 'session_cancelled', body: expect.stringContaining('台风停课') }),
      ]);
    }
    expect(
      await Notifications(app.connection)
        .findOne({ dedupeKey: `ps:cancelled:${b1.id}` })
        .lean(),
    ).toMatchObject({
      urgent: true,
      state: 'live',
    });
    expect(
      (await Notifications(app.connection)
        .findOne({ dedupeKey: `ps:reminder:${b1.id}` })
        .lean())!.state,
    ).toBe('cancelled');
  });

  it('fans a new session out to the subscribers of its course, once each', async () => {
    // The sessions of the tests above opened before anyone subscribed.
    await courseOpenings.tick(app.deps);
    const fan = await app.signInWith('wechat', 'o-fan');
    await post(`${base}/subscriptions`, fan.token, { target: 'course', targetId: courseId }, 201);
    await post(`${base}/subscriptions`, fan.token, { target: 'venue', targetId: venueId }, 201);
    const sessionId = await newSession(5);
    expect(await courseOpenings.tick(app.deps)).toEqual({ announced: 1 });
    expect(await courseOpenings.tick(app.deps)).toEqual({ announced: 0 });
    const opened = (await inbox(fan.token)).filter((n: { kind: string }) => n.kind === 'course_opened');
    expect(opened).toEqual([
      expect.objectContaining({ link: `/parent-school/pages/session/index?id=${sessionId}`, title: '下期提醒' }),
    ]);
  });
});
