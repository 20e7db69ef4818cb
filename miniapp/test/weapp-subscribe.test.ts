import { beforeAll, describe, expect, it } from 'vitest';
import { createWeappRuntime, ensureWeappBuild, findNode, textOf, until, type MpNode } from './weapp/harness';

// The production weapp bundle asking for subscribe-message permission: only from a tap, with the
// platform's sheet opened before anything is awaited (WeChat refuses it otherwise: "can only be
// invoked by user TAP gesture"), and the answers recorded with the BFF.

const byId = (id: string) => (n: MpNode) => n.uid === id || n.id === id;
const now = Date.now();
const reserved = {
  id: 'a'.repeat(24),
  status: 'reserved',
  site: { id: 'b'.repeat(24), name: '头陀镇充电站', address: '头陀镇' },
  port: { id: 'c'.repeat(24), label: '1 号口', code: 'ABCD2345' },
  pricePerMinuteFen: 0,
  maxMinutes: 240,
  reservedAt: new Date(now).toISOString(),
  holdExpiresAt: new Date(now + 15 * 60_000).toISOString(),
  startedAt: null,
  stopsBy: null,
  endedAt: null,
  endReason: null,
  seconds: 0,
  minutes: 0,
  energyWh: null,
  costFen: 0,
  payment: null,
};
const kind = (k: string, templateId: string | null) => ({
  kind: k,
  label: k,
  enabled: true,
  templateId,
  longTerm: false,
  remaining: 0,
});
const settings = {
  platform: 'wechat',
  kinds: [
    kind('charging_reminder', 'T-reminder'),
    kind('charging_cancelled', 'T-cancelled'),
    kind('charging_expired', null),
    kind('class_reminder', 'T-class'),
  ],
};
const tokens = {
  accessToken: 'access',
  expiresIn: 900,
  refreshToken: 'r'.repeat(32),
  account: {
    id: 'd'.repeat(24),
    provider: 'wechat',
    roles: ['resident'],
    staffScopes: [],
    identity: null,
    createdAt: new Date(now).toISOString(),
  },
};

describe('weapp: subscribe permission on 我的充电', () => {
  beforeAll(() => {
    ensureWeappBuild();
  }, 600_000);

  it('asks only on a tap, opens the sheet before anything is awaited, and records the answers', async () => {
    const mp = createWeappRuntime();
    const requests: { method: string; url: string; data: unknown }[] = [];
    const asked: { tmplIds: string[]; inTap: boolean }[] = [];
    let inTap = false;
    Object.assign(mp.wx, {
      login: (options: { success?: (r: unknown) => void }) =>
        setTimeout(() => options.success?.({ code: 'code', errMsg: 'login:ok' }), 0),
      request: (options: {
        url: string;
        method?: string;
        data?: unknown;
        success?: (r: unknown) => void;
        complete?: (r: unknown) => void;
      }) => {
        const method = options.method ?? 'GET';
        requests.push({ method, url: options.url, data: options.data });
        const path = new URL(options.url, 'http://bff').pathname;
        const data =
          path === '/api/accounts/sign-in'
            ? tokens
            : path === '/api/charging/me/active'
              ? { charge: reserved }
              : path.startsWith('/api/notifications/settings')
                ? settings
                : {};
        const response = {
          statusCode: 200,
          header: { 'content-type': 'application/json' },
          data,
          errMsg: 'request:ok',
        };
        setTimeout(() => {
          options.success?.(response);
          options.complete?.(response);
        }, 0);
        return { abort() {} };
      },
      requestSubscribeMessage: (options: { tmplIds: string[]; success?: (r: unknown) => void }) => {
        asked.push({ tmplIds: options.tmplIds, inTap });
        setTimeout(
          () =>
            options.success?.({
              errMsg: 'requestSubscribeMessage:ok',
              'T-reminder': 'accept',
              'T-cancelled': 'reject',
            }),
          0,
        );
      },
    });
    mp.launch();
    const page = await mp.open('charging/pages/charge/index');
    await until(() => findNode(page.data.root, byId('push-subscribe')) !== undefined, 'the prompt');
    // Shown, not asked: the sheet opens only on the resident's tap.
    expect(asked).toEqual([]);
    const beforeTap = requests.length;

    inTap = true;
    const tapped = mp.fire(page, findNode(page.data.root, byId('push-subscribe'))!, 'tap');
    inTap = false;
    await tapped;
    await until(() => textOf(page.data.root).includes('已开启提醒'), 'the answer to be recorded');

    // One request, inside the tap, for the charging kinds that have a template; no request between.
    expect(asked).toEqual([{ tmplIds: ['T-reminder', 'T-cancelled'], inTap: true }]);
    const after = requests.slice(beforeTap);
    expect(after.map((r) => `${r.method} ${new URL(r.url, 'http://bff').pathname}`)).toContain(
      'POST /api/notifications/settings/subscribe-answers',
    );
    const posted = after.find((r) => r.url.includes('subscribe-answers'))!;
    const body = typeof posted.data === 'string' ? JSON.parse(posted.data) : posted.data;
    expect(body).toEqual({
      answers: [
        { templateId: 'T-reminder', answer: 'accept' },
        { templateId: 'T-cancelled', answer: 'reject' },
      ],
    });
    expect(mp.errors).toEqual([]);
  });
});
