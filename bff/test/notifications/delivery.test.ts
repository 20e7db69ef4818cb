import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { notificationPushes } from '../../src/platform/metrics';
import { Notifications } from '../../src/platform/notifications/notification.model';
import { notify } from '../../src/platform/notifications/notify';
import { createWechatSender } from '../../src/platform/notifications/wechat';
import { grant, startNotificationsApp, type NotificationsTestApp } from './support';

let app: NotificationsTestApp;
beforeAll(async () => {
  app = await startNotificationsApp();
});
afterAll(() => app.close());
beforeEach(() => app.clock.set(new Date('2026-03-02T04:00:00Z')));

const MIN = 60_000;
const pushes = async (outcome: string) =>
  (await notificationPushes.get()).values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
const promoted = (
  id: string,
  key = new Types.ObjectId().toHexString(),
  options: { sendAt?: Date; urgent?: boolean; pushBy?: Date } = {},
) =>
  notify(
    app.deps,
    new Types.ObjectId(id),
    'booking_promoted',
    {
      title: '候补成功',
      body: '您候补的课程已为您保留座位',
      link: '/parent-school/pages/mine/index',
      values: {
        course: '如何激发孩子的学习动力——一位资深班主任的三十年经验',
        startsAt: '03月02日 15:00',
        status: '候补成功啦',
      },
    },
    { dedupeKey: key, ...options },
  );
const delivery = async (key: string) =>
  (await Notifications(app.connection).findOne({ dedupeKey: key }).lean())!.delivery;

describe('delivery outcomes', () => {
  it('sends through WeChat with the template, fields cut to the platform limits, and uses up the grant', async () => {
    const alice = await app.signInWith('wechat', 'alice');
    await grant(app, alice.token, 'TPL-promoted');
    const before = app.platform.push.sent.length;
    await promoted(alice.id, 'sent-1');
    expect((await app.worker().tick(app.deps)).sent).toBe(1);
    const [sent] = app.platform.push.sent.slice(before);
    expect(sent).toEqual({
      platform: 'wechat',
      to: expect.stringMatching(/^o/),
      templateId: 'TPL-promoted',
      // Relative to the mini-program root, as both platforms take it.
      page: 'parent-school/pages/mine/index',
      data: {
        thing1: { value: '如何激发孩子的学习动力——一位资深班主…' },
        time2: { value: '03月02日 15:00' },
        phrase3: { value: '候补成功啦' },
      },
    });
    expect((await delivery('sent-1')).status).toBe('sent');
    const settings = await app.request('GET', '/api/notifications/settings', { token: alice.token });
    expect(settings.body.kinds.find((k: { kind: string }) => k.kind === 'booking_promoted').remaining).toBe(0);
    // No grant left: the next one stays in the inbox only.
    await promoted(alice.id, 'sent-2');
    expect((await app.worker().tick(app.deps)).skipped).toBe(1);
    expect(await delivery('sent-2')).toMatchObject({ status: 'skipped', lastError: 'no subscription left' });
  });

  it('retries a timeout, a 5xx and a rate limit with backoff, then sends; the grant is kept meanwhile', async () => {
    const bob = await app.signInWith('wechat', 'bob');
    await grant(app, bob.token, 'TPL-promoted');
    const worker = app.worker();
    await promoted(bob.id, 'retry-1');
    app.platform.push.script('timeout', '5xx');
    for (const reason of ['timeout', 'http 502']) {
      expect((await worker.tick(app.deps)).retried).toBe(1);
      const state = await delivery('retry-1');
      expect(state).toMatchObject({ status: 'waiting', lastError: reason });
      // Not due before its backoff: a tick now does nothing.
      expect((await worker.tick(app.deps)).retried).toBe(0);
      app.clock.set(state.dueAt);
    }
    expect((await worker.tick(app.deps)).sent).toBe(1);
    expect(await delivery('retry-1')).toMatchObject({ status: 'sent', attempts: 3 });
    const settings = await app.request('GET', '/api/notifications/settings', { token: bob.token });
    expect(settings.body.kinds.find((k: { kind: string }) => k.kind === 'booking_promoted').remaining).toBe(0);
  });

  it('gives up into the dead letters after the last try, visible to admins only', async () => {
    const carol = await app.signInWith('wechat', 'carol');
    await grant(app, carol.token, 'TPL-promoted');
    const worker = app.worker();
    await promoted(carol.id, 'dead-1');
    app.platform.push.script('5xx', 'ratelimit', '5xx');
    expect((await worker.tick(app.deps)).retried).toBe(1);
    app.clock.set((await delivery('dead-1')).dueAt);
    expect((await worker.tick(app.deps)).retried).toBe(1);
    app.clock.set((await delivery('dead-1')).dueAt);
    const deadBefore = await pushes('dead');
    expect((await worker.tick(app.deps)).dead).toBe(1);
    expect(await delivery('dead-1')).toMatchObject({ status: 'dead', attempts: 3, lastError: 'http 502' });
    // Counted for the operators' alert as well as listed for the admins.
    expect((await pushes('dead')) - deadBefore).toBe(1);
    const admin = app.signIn('admin').token;
    const dead = await app.request('GET', '/api/admin/notifications/dead', { token: admin });
    expect(dead.status).toBe(200);
    expect(dead.body.items.map((i: { dedupeKey: string }) => i.dedupeKey)).toContain('dead-1');
    expect((await app.request('GET', '/api/admin/notifications/dead', { token: carol.token })).status).toBe(403);
    // The inbox has it all the same.
    const inbox = await app.request('GET', '/api/notifications', { token: carol.token });
    expect(inbox.body.items).toHaveLength(1);
  });

  it('treats 43101 as final: refused, never retried', async () => {
    const dan = await app.signInWith('wechat', 'dan');
    await grant(app, dan.token, 'TPL-promoted');
    await promoted(dan.id, 'refused-1');
    app.platform.push.script('refused');
    expect((await app.worker().tick(app.deps)).refused).toBe(1);
    expect(await delivery('refused-1')).toMatchObject({ status: 'refused', attempts: 1 });
    app.clock.advance(24 * 60 * MIN);
    expect(await app.worker().tick(app.deps)).toMatchObject({ sent: 0, retried: 0, refused: 0 });
  });

  it('renews an expired token (42001) and sends at once', async () => {
    const erin = await app.signInWith('wechat', 'erin');
    await grant(app, erin.token, 'TPL-promoted');
    const worker = app.worker();
    await promoted(erin.id, 'expired-1');
    app.platform.push.script('expired');
    const calls = app.platform.push.tokenCalls();
    expect((await worker.tick(app.deps)).sent).toBe(1);
    expect(app.platform.push.tokenCalls() - calls).toBe(2);
  });

  it('pushes through Alipay to a resident who signed in with Alipay', async () => {
    const fay = await app.signInWith('alipay', 'fay');
    await grant(app, fay.token, 'ATPL-promoted');
    const before = app.platform.push.sent.length;
    await promoted(fay.id, 'alipay-1');
    expect((await app.worker().tick(app.deps)).sent).toBe(1);
    expect(app.platform.push.sent.slice(before)).toEqual([
      expect.objectContaining({ platform: 'alipay', templateId: 'ATPL-promoted', to: expect.stringMatching(/^0/) }),
    ]);
  });

  it('through Alipay too: a busy gateway (20000) is retried, a business refusal (40004) is final', async () => {
    const gil = await app.signInWith('alipay', 'gil');
    await grant(app, gil.token, 'ATPL-promoted', 2);
    const worker = app.worker();
    await promoted(gil.id, 'alipay-busy');
    app.platform.push.script('ratelimit');
    expect((await worker.tick(app.deps)).retried).toBe(1);
    const busy = await delivery('alipay-busy');
    expect(busy).toMatchObject({ status: 'waiting', attempts: 1, lastError: 'alipay 20000 aop.call-limited' });
    app.clock.set(busy.dueAt);
    expect((await worker.tick(app.deps)).sent).toBe(1);

    await promoted(gil.id, 'alipay-refused');
    app.platform.push.script('refused');
    expect((await worker.tick(app.deps)).refused).toBe(1);
    expect(await delivery('alipay-refused')).toMatchObject({
      status: 'refused',
      attempts: 1,
      lastError: 'alipay 40004 USER_TEMPLATE_ILLEGAL',
    });
    app.clock.advance(24 * 60 * MIN);
    expect(await worker.tick(app.deps)).toMatchObject({ sent: 0, retried: 0, refused: 0 });
    // A refusal uses its grant up: the platform counted the send.
    const settings = await app.request('GET', '/api/notifications/settings', { token: gil.token });
    expect(settings.body.kinds.find((k: { kind: string }) => k.kind === 'booking_promoted').remaining).toBe(0);
  });

  it('a long-term template sends every time once accepted, uses nothing up, and stops once rejected', async () => {
    const lin = await app.signInWith('wechat', 'lin');
    const opened = (key: string) =>
      notify(
        app.deps,
        new Types.ObjectId(lin.id),
        'course_opened',
        { title: '下期', body: '开课了', values: { course: '亲子沟通' } },
        { dedupeKey: key },
      );
    const settingOf = async () =>
      (await app.request('GET', '/api/notifications/settings', { token: lin.token })).body.kinds.find(
        (k: { kind: string }) => k.kind === 'course_opened',
      );
    const answer = (value: 'accept' | 'reject') =>
      app.request('POST', '/api/notifications/settings/subscribe-answers', {
        token: lin.token,
        body: { answers: [{ templateId: 'TPL-opened', answer: value }] },
        headers: { 'idempotency-key': new Types.ObjectId().toHexString() },
      });
    const before = app.platform.push.sent.length;
    await answer('accept');
    // A second accept of a long-term template is the same subscription, not a second one.
    await answer('accept');
    expect(await settingOf()).toMatchObject({ templateId: 'TPL-opened', longTerm: true, remaining: 1 });

    for (const key of ['long-1', 'long-2', 'long-3']) await opened(key);
    expect((await app.worker().tick(app.deps)).sent).toBe(3);
    expect(app.platform.push.sent.slice(before).map((s) => s.templateId)).toEqual([
      'TPL-opened',
      'TPL-opened',
      'TPL-opened',
    ]);
    expect(await settingOf()).toMatchObject({ longTerm: true, remaining: 1 });

    await answer('reject');
    expect(await settingOf()).toMatchObject({ longTerm: true, remaining: 0 });
    await opened('long-4');
    expect((await app.worker().tick(app.deps)).skipped).toBe(1);
    expect(await delivery('long-4')).toMatchObject({ status: 'skipped', lastError: 'no subscription left' });
  });

  it('keeps a kind without a template, or a dev sign-in, in the inbox only', async () => {
    const dev = app.signIn('resident');
    await promoted(dev.user.id, 'dev-1');
    expect((await app.worker().tick(app.deps)).skipped).toBe(1);
    expect(await delivery('dev-1')).toMatchObject({ status: 'skipped', lastError: 'no push platform' });
  });
});

describe('once per key, whoever delivers', () => {
  it('two racing workers send each notification exactly once; announcing again changes nothing', async () => {
    const gus = await app.signInWith('wechat', 'gus');
    await grant(app, gus.token, 'TPL-promoted', 20);
    const before = app.platform.push.sent.length;
    for (let i = 0; i < 20; i += 1) {
      await promoted(gus.id, `race-${i}`);
      await promoted(gus.id, `race-${i}`);
    }
    const [a, b] = await Promise.all([app.worker().tick(app.deps), app.worker().tick(app.deps)]);
    expect(a.sent + b.sent).toBe(20);
    const keys = app.platform.push.sent.slice(before);
    expect(keys).toHaveLength(20);
    expect(await Notifications(app.connection).countDocuments({ dedupeKey: /^race-/ })).toBe(20);
  });

  it('a worker that died mid-send is never resent: the item goes to the dead letters', async () => {
    const hal = await app.signInWith('wechat', 'hal');
    await grant(app, hal.token, 'TPL-promoted');
    await promoted(hal.id, 'midsend-1');
    const crashing = app.worker({
      failpoint: (step) => {
        if (step === 'claimed') throw new Error('killed');
      },
    });
    await expect(crashing.tick(app.deps)).rejects.toThrow('killed');
    app.clock.advance(2 * MIN);
    const report = await app.worker().tick(app.deps);
    expect(report).toMatchObject({ sent: 0, dead: 1 });
  });

  it('fetches one token for 50 concurrent sends', async () => {
    const sender = createWechatSender(app.config, app.clock, { timeoutMs: 2_000 });
    const ivy = await app.signInWith('wechat', 'ivy');
    const calls = app.platform.push.tokenCalls();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        sender.send({
          to: 'o-ivy',
          templateId: 'TPL-promoted',
          page: null,
          data: { thing1: { value: ivy.id.slice(0, 5) } },
        }),
      ),
    );
    expect(outcomes.every((o) => o.result === 'sent')).toBe(true);
    expect(app.platform.push.tokenCalls() - calls).toBe(1);
    expect(sender.tokenRefreshes()).toBe(1);
    // Renewed only shortly before WeChat's 7200 s run out.
    app.clock.advance(7200_000 - 6 * MIN);
    await sender.send({ to: 'o-ivy', templateId: 'TPL-promoted', page: null, data: {} });
    expect(sender.tokenRefreshes()).toBe(1);
    app.clock.advance(2 * MIN);
    await sender.send({ to: 'o-ivy', templateId: 'TPL-promoted', page: null, data: {} });
    expect(sender.tokenRefreshes()).toBe(2);
  });
});

describe('quiet hours (22:00–08:00 China time)', () => {
  it('holds a non-urgent push until 08:00 but shows it in the inbox at once; an urgent one goes now', async () => {
    const jo = await app.signInWith('wechat', 'jo');
    await grant(app, jo.token, 'TPL-promoted', 2);
    app.clock.set(new Date('2026-03-02T15:30:00Z')); // 23:30 in Shanghai
    await promoted(jo.id, 'quiet-1');
    await promoted(jo.id, 'quiet-urgent', { urgent: true });
    const report = await app.worker().tick(app.deps);
    expect(report.sent).toBe(1);
    expect((await delivery('quiet-urgent')).status).toBe('sent');
    expect(await delivery('quiet-1')).toMatchObject({ status: 'waiting', dueAt: new Date('2026-03-03T00:00:00Z') });
    const inbox = await app.request('GET', '/api/notifications', { token: jo.token });
    expect(inbox.body.items).toHaveLength(2);
    app.clock.set(new Date('2026-03-02T23:59:00Z'));
    expect((await app.worker().tick(app.deps)).sent).toBe(0);
    app.clock.set(new Date('2026-03-03T00:00:00Z'));
    expect((await app.worker().tick(app.deps)).sent).toBe(1);
  });
  it('does not hold a push past the moment it is for: an early class is reminded at its time, in the night', async () => {
    const kit = await app.signInWith('wechat', 'kit');
    await grant(app, kit.token, 'TPL-promoted', 2);
    app.clock.set(new Date('2026-03-02T22:00:00Z')); // 06:00 in Shanghai
    // A class at 07:00: waiting for 08:00 would remind after the start, so it goes now.
    await promoted(kit.id, 'quiet-early', { pushBy: new Date('2026-03-02T23:00:00Z') });
    // A class at 09:00: the reminder can wait for 08:00 and still be in time.
    await promoted(kit.id, 'quiet-later', { pushBy: new Date('2026-03-03T01:00:00Z') });
    expect((await app.worker().tick(app.deps)).sent).toBe(1);
    expect((await delivery('quiet-early')).status).toBe('sent');
    expect(await delivery('quiet-later')).toMatchObject({
      status: 'waiting',
      dueAt: new Date('2026-03-03T00:00:00Z'),
    });
  });

  it('gives up a push still unsent when its moment has passed, and keeps it in the inbox', async () => {
    const lou = await app.signInWith('wechat', 'lou');
    await grant(app, lou.token, 'TPL-promoted');
    const worker = app.worker();
    await promoted(lou.id, 'stale-1', { pushBy: new Date(app.clock.now().getTime() + 10_000) });
    app.platform.push.script('5xx');
    expect((await worker.tick(app.deps)).retried).toBe(1);
    // The retry falls due (15 s, half of the first backoff) after the moment.
    app.clock.set((await delivery('stale-1')).dueAt);
    const before = app.platform.push.sent.length;
    expect(await worker.tick(app.deps)).toMatchObject({ sent: 0, skipped: 1 });
    expect(app.platform.push.sent.length).toBe(before);
    expect(await delivery('stale-1')).toMatchObject({
      status: 'skipped',
      lastError: 'too late: what it was about has begun',
    });
    const settings = await app.request('GET', '/api/notifications/settings', { token: lou.token });
    expect(settings.body.kinds.find((k: { kind: string }) => k.kind === 'booking_promoted').remaining).toBe(1);
    expect((await app.request('GET', '/api/notifications', { token: lou.token })).body.items).toHaveLength(1);
  });
});
