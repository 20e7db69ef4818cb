import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { HOLD_GRACE_MS } from '../../src/platform/notifications/deliver';
import { Notifications } from '../../src/platform/notifications/notification.model';
import { notify, notifyAll } from '../../src/platform/notifications/notify';
import { grant, startNotificationsApp, type NotificationsTestApp } from './support';

let app: NotificationsTestApp;
beforeAll(async () => {
  app = await startNotificationsApp();
});
afterAll(() => app.close());

/** Stands for any feature's state change: a document the notification's guard looks for. */
const guarded = (userId: string, key: string, marker: Types.ObjectId) =>
  notify(
    app.deps,
    new Types.ObjectId(userId),
    'booking_promoted',
    { title: '候补成功', body: '座位已保留', values: { course: '亲子沟通' } },
    { dedupeKey: key, guard: { model: Bookings(app.connection), filter: { _id: marker, status: 'confirmed' } } },
  );
const changeState = (marker: Types.ObjectId, holder: string) =>
  Bookings(app.connection).collection.insertOne({
    _id: marker,
    pool: new Types.ObjectId(),
    shortCode: randomUUID(),
    holder: new Types.ObjectId(holder),
    status: 'confirmed',
  });

describe('the outbox written before the state change', () => {
  it('killed before the state change: the notification never shows and is never pushed', async () => {
    const ann = await app.signInWith('wechat', 'ann');
    await grant(app, ann.token, 'TPL-promoted');
    await guarded(ann.id, 'crash-before', new Types.ObjectId());
    // (the request dies here)
    expect(await app.worker().tick(app.deps)).toMatchObject({ sent: 0, voided: 0 });
    expect((await app.request('GET', '/api/notifications', { token: ann.token })).body.items).toEqual([]);
    app.clock.advance(HOLD_GRACE_MS);
    expect(await app.worker().tick(app.deps)).toMatchObject({ sent: 0, voided: 1 });
    expect(await Notifications(app.connection).findOne({ dedupeKey: 'crash-before' }).lean()).toMatchObject({
      state: 'void',
      delivery: { status: 'skipped' },
    });
    expect((await app.request('GET', '/api/notifications', { token: ann.token })).body.items).toEqual([]);
  });

  it('killed after the state change, before any delivery: after a restart it is delivered exactly once', async () => {
    const ben = await app.signInWith('wechat', 'ben');
    await grant(app, ben.token, 'TPL-promoted', 3);
    const marker = new Types.ObjectId();
    await guarded(ben.id, 'crash-after', marker);
    await changeState(marker, ben.id);
    // (the process dies here; new instances start with nothing in memory)
    const before = app.platform.push.sent.length;
    const ticks = await Promise.all([app.worker().tick(app.deps), app.worker().tick(app.deps)]);
    await app.worker().tick(app.deps);
    expect(ticks[0].sent + ticks[1].sent).toBe(1);
    expect(app.platform.push.sent.slice(before)).toHaveLength(1);
    expect((await app.request('GET', '/api/notifications', { token: ben.token })).body.items).toHaveLength(1);
  });

  it('the inbox shows a held notification as soon as its state change is done, before any worker', async () => {
    const cy = await app.signInWith('wechat', 'cy');
    const marker = new Types.ObjectId();
    await guarded(cy.id, 'held-inbox', marker);
    expect((await app.request('GET', '/api/notifications/unread-count', { token: cy.token })).body).toEqual({
      count: 0,
    });
    await changeState(marker, cy.id);
    expect((await app.request('GET', '/api/notifications/unread-count', { token: cy.token })).body).toEqual({
      count: 1,
    });
    const all = await app.request('POST', '/api/notifications/read-all', { token: cy.token });
    expect(all.body).toEqual({ count: 1 });
    expect((await app.request('GET', '/api/notifications/unread-count', { token: cy.token })).body).toEqual({
      count: 0,
    });
  });
});

describe('the inbox', () => {
  it('pages newest first, ties by id, without repeats or gaps; scheduled and foreign ones are not shown', async () => {
    const fox = await app.signInWith('wechat', 'fox');
    const other = await app.signInWith('wechat', 'fox-neighbour');
    const to = (who: { id: string }, key: string, options: { sendAt?: Date } = {}) => ({
      userId: new Types.ObjectId(who.id),
      kind: 'booking_promoted' as const,
      message: { title: key, body: key },
      dedupeKey: key,
      ...options,
    });
    const start = app.clock.now();
    try {
      // Three at one instant (one insert), so a page boundary falls inside a tie.
      await notifyAll(app.deps, [to(fox, 'page-1'), to(fox, 'page-2'), to(fox, 'page-3')]);
      app.clock.advance(60_000);
      await notifyAll(app.deps, [
        to(fox, 'page-4'),
        to(other, 'page-other'),
        to(fox, 'page-later', { sendAt: new Date(start.getTime() + 3_600_000) }),
      ]);
      app.clock.advance(60_000);
      await notifyAll(app.deps, [to(fox, 'page-5')]);

      const seen: string[] = [];
      const cursors: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const response = await app.request('GET', `/api/notifications${query}`, { token: fox.token });
        expect(response.status, response.text).toBe(200);
        seen.push(...response.body.items.map((item: { title: string }) => item.title));
        cursor = response.body.nextCursor;
        cursors.push(cursor);
      } while (cursor);
      expect(cursors.map((c) => c !== null)).toEqual([true, true, false]);
      expect(seen.slice(0, 2)).toEqual(['page-5', 'page-4']);
      expect(seen.slice(2).sort()).toEqual(['page-1', 'page-2', 'page-3']);
      // Newest first within the tie too: ids grow with insertion order.
      expect(seen.slice(2)).toEqual(['page-3', 'page-2', 'page-1']);

      const unread = async () =>
        (await app.request('GET', '/api/notifications/unread-count', { token: fox.token })).body.count;
      expect(await unread()).toBe(5);
      const first = (await app.request('GET', '/api/notifications?limit=1', { token: fox.token })).body.items[0];
      const read = await app.request('POST', `/api/notifications/items/${first.id}/read`, { token: fox.token });
      expect(read.body).toMatchObject({ id: first.id, readAt: app.clock.now().toISOString() });
      // Reading it again keeps the first time.
      app.clock.advance(1_000);
      const again = await app.request('POST', `/api/notifications/items/${first.id}/read`, { token: fox.token });
      expect(again.body.readAt).toBe(read.body.readAt);
      expect(await unread()).toBe(4);
      expect((await app.request('POST', '/api/notifications/read-all', { token: fox.token })).body).toEqual({
        count: 4,
      });
      expect(await unread()).toBe(0);
      // The neighbour's is untouched, and the scheduled one appears, unread, at its time.
      expect((await app.request('GET', '/api/notifications/unread-count', { token: other.token })).body.count).toBe(1);
      app.clock.set(new Date(start.getTime() + 3_600_000));
      expect(await unread()).toBe(1);
    } finally {
      app.clock.set(start);
    }
  });

  it.each([
    ['?limit=0'],
    ['?limit=101'],
    ['?limit=abc'],
    ['?cursor=bm90LWEtY3Vyc29y'],
    ['?limit[$gt]=1'],
    ['?cursor[$ne]=x'],
    ['?sort=visibleAt'],
  ])('GET /api/notifications%s is 400', async (query) => {
    const { token } = app.signIn('resident');
    const response = await app.request('GET', `/api/notifications${query}`, { token });
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('settings and bad input', () => {
  it('turns a kind off: the inbox still gets it, no push is sent', async () => {
    const di = await app.signInWith('wechat', 'di');
    await grant(app, di.token, 'TPL-promoted');
    const put = await app.request('PUT', '/api/notifications/settings', {
      token: di.token,
      body: { disabledKinds: ['booking_promoted'] },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.platform).toBe('wechat');
    expect(put.body.kinds.find((k: { kind: string }) => k.kind === 'booking_promoted')).toEqual({
      kind: 'booking_promoted',
      label: '候补成功',
      enabled: false,
      templateId: 'TPL-promoted',
      longTerm: false,
      remaining: 1,
    });
    await notify(
      app.deps,
      new Types.ObjectId(di.id),
      'booking_promoted',
      { title: 't', body: 'b' },
      { dedupeKey: 'off-1' },
    );
    const before = app.platform.push.sent.length;
    await app.worker().tick(app.deps);
    expect(app.platform.push.sent.length).toBe(before);
    expect((await Notifications(app.connection).findOne({ dedupeKey: 'off-1' }).lean())!.delivery).toMatchObject({
      status: 'skipped',
      lastError: 'kind turned off',
    });
    expect((await app.request('GET', '/api/notifications', { token: di.token })).body.items).toHaveLength(1);
  });

  it('an answer for a template we never configured grants nothing', async () => {
    const ed = await app.signInWith('wechat', 'ed');
    const response = await app.request('POST', '/api/notifications/settings/subscribe-answers', {
      token: ed.token,
      body: { answers: [{ templateId: 'TPL-unknown', answer: 'accept' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(response.status).toBe(200);
    expect(response.body.kinds.every((k: { remaining: number }) => k.remaining === 0)).toBe(true);
  });

  it.each([
    ['PUT', '/api/notifications/settings', { disabledKinds: ['booking_promoted'], extra: 1 }],
    ['PUT', '/api/notifications/settings', { disabledKinds: { $gt: '' } }],
    ['PUT', '/api/notifications/settings', { disabledKinds: ['not_a_kind'] }],
    [
      'POST',
      '/api/notifications/settings/subscribe-answers',
      { answers: [{ templateId: { $gt: '' }, answer: 'accept' }] },
    ],
    ['POST', '/api/notifications/settings/subscribe-answers', { answers: [{ templateId: 'a.b', answer: 'accept' }] }],
  ])('%s %s refuses %j with 400 and stores nothing', async (method, path, body) => {
    const { token } = app.signIn('resident');
    const before = await app.countDocuments();
    const response = await app.request(method, path, { token, body, headers: { 'idempotency-key': randomUUID() } });
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const after = await app.countDocuments();
    expect(after.notification_recipients ?? 0).toBe(before.notification_recipients ?? 0);
  });

  it('a malformed id is 400; a well-formed unknown one 404', async () => {
    const { token } = app.signIn('resident');
    expect((await app.request('GET', '/api/notifications/items/nope', { token })).status).toBe(400);
    expect(
      (await app.request('GET', `/api/notifications/items/${new Types.ObjectId().toHexString()}`, { token })).status,
    ).toBe(404);
  });
});
