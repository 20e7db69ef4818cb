import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceHeaders } from '../../src/features/charging/device-signature';
import type { TestResponse } from '../support/app';
import { orderFor, residentOn, startPaymentsWorld, type PaymentsWorld } from '../payments/support';
import { contract } from './support/contract';
import { fingerprint } from './support/fingerprint';
import { siteWithPort } from './support/site';
import { expectNoLeaks, Tally } from './support/tally';

// Besides signing in, the only writes open to anyone are the payment platforms' notifications and
// the charging ports' messages. Each refuses every way a signature can be wrong with a 401 and
// changes nothing; the same message signed properly is accepted, so each forgery differs from a
// genuine one in exactly the thing it forges.

let world: PaymentsWorld;
const DEVICE_SECRET = `sweep-device-secret-${randomUUID()}`;
const DEVICE_ID = `dev-sweep-${randomUUID()}`;
const DEVICE_PATH = '/api/charging/device/messages';

beforeAll(async () => {
  world = await startPaymentsWorld();
  await siteWithPort(world.app.connection, world.app.config, world.clock.now(), {
    name: '头陀镇扫描测试站',
    code: 'K7M2P9X4',
    deviceId: DEVICE_ID,
    deviceSecret: DEVICE_SECRET,
  });
});
afterAll(() => world?.close());

interface Sent {
  body: string;
  headers: Record<string, string>;
}
interface Forgery {
  name: string;
  sent: Sent;
  /** A 401 more specific than the fixture's. */
  code?: string;
}
interface CallbackFixture {
  /** The 401's code. */
  code: string;
  /** A genuine message, and the status it is accepted with. */
  genuine(): Promise<Sent>;
  accepted: number;
  forgeries(): Promise<Forgery[]>;
}

const without = (headers: Record<string, string>, pattern: RegExp) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !pattern.test(name)));

async function paying(platform: 'wechat' | 'alipay') {
  const token = await residentOn(world, platform);
  const id = await orderFor(world, token, [120]);
  const started = await world.app.request('POST', `/api/payments/orders/${id}/payment`, { token });
  expect(started.status, started.text).toBe(200);
  return id;
}

const deviceMessage = (body: unknown, secret = DEVICE_SECRET, now = world.clock.now(), deviceId = DEVICE_ID): Sent => {
  const raw = JSON.stringify(body);
  return {
    body: raw,
    headers: {
      'content-type': 'application/json',
      ...deviceHeaders(secret, { method: 'POST', path: DEVICE_PATH, deviceId, body: raw, now }),
    },
  };
};

/** How to forge each unauthenticated write; a new one without an entry fails the sweep. */
const fixtures: Record<string, CallbackFixture> = {
  'payments.wechatNotify': {
    code: 'PAYMENT_SIGNATURE_INVALID',
    accepted: 204,
    genuine: async () => {
      const id = await paying('wechat');
      return world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, 120));
    },
    forgeries: async () => {
      const id = await paying('wechat');
      const genuine = world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, 120));
      const stale = Math.floor(world.clock.now().getTime() / 1000) - 3600;
      return [
        {
          name: 'signed with another key',
          sent: world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, 120), { badSignature: true }),
        },
        {
          name: 'an hour old',
          sent: world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, 120), { timestamp: stale }),
        },
        {
          name: 'body changed after signing',
          sent: { ...genuine, body: genuine.body.replace('TRANSACTION.SUCCESS', 'REFUND.SUCCESS') },
        },
        { name: 'no signature headers', sent: { ...genuine, headers: without(genuine.headers, /^wechatpay-/i) } },
        { name: 'signature emptied', sent: { ...genuine, headers: { ...genuine.headers, 'wechatpay-signature': '' } } },
        {
          name: 'under a serial we hold no key for',
          sent: world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, 120), { serial: 'PUB_KEY_ID_0' }),
        },
      ];
    },
  },
  'payments.alipayNotify': {
    code: 'PAYMENT_SIGNATURE_INVALID',
    accepted: 200,
    genuine: async () => world.alipay.notify(world.alipay.pay(await paying('alipay'), 120)),
    forgeries: async () => {
      const id = await paying('alipay');
      const genuine = world.alipay.notify(world.alipay.pay(id, 120));
      // A real signature, lifted from another notify.
      const lifted = new URLSearchParams(genuine.body);
      lifted.set('sign', new URLSearchParams(world.alipay.notify(world.alipay.pay(id, 130)).body).get('sign')!);
      return [
        {
          name: 'signed with another key',
          sent: world.alipay.notify(world.alipay.pay(id, 120), { badSignature: true }),
        },
        {
          name: 'amount changed after signing',
          sent: { ...genuine, body: genuine.body.replace('total_amount=1.20', 'total_amount=0.01') },
        },
        { name: "another notify's sign", sent: { ...genuine, body: lifted.toString() } },
      ];
    },
  },
  'charging.deviceMessage': {
    code: 'DEVICE_SIGNATURE_INVALID',
    accepted: 200,
    genuine: async () => deviceMessage({ action: 'Heartbeat' }),
    forgeries: async () => {
      const genuine = deviceMessage({ action: 'Heartbeat' });
      return [
        { name: 'signed with another secret', sent: deviceMessage({ action: 'Heartbeat' }, 'not-the-secret') },
        {
          name: 'in an unknown device name',
          sent: deviceMessage({ action: 'Heartbeat' }, DEVICE_SECRET, undefined, 'dev-nosuchdevice'),
        },
        {
          name: 'an hour old',
          sent: deviceMessage(
            { action: 'Heartbeat' },
            DEVICE_SECRET,
            new Date(world.clock.now().getTime() - 3_600_000),
          ),
          code: 'DEVICE_REQUEST_STALE',
        },
        {
          name: 'body changed after signing',
          sent: {
            ...genuine,
            body: JSON.stringify({
              action: 'StatusNotification',
              status: 'Faulted',
              errorCode: 'GroundFailure',
              timestamp: world.clock.now(),
            }),
          },
        },
        { name: 'no signature headers', sent: { ...genuine, headers: { 'content-type': 'application/json' } } },
      ];
    },
  },
};

const post = (path: string, sent: Sent): Promise<TestResponse> =>
  world.app.request('POST', path, { raw: sent.body, headers: sent.headers });

describe('security sweep: callbacks', () => {
  it('every unauthenticated write refuses a bad signature with 401 and changes nothing; a genuine one is accepted', async () => {
    const tally = new Tally('callbacks');
    const planned = contract.filter(
      (operation) =>
        operation.access === 'public' && operation.method !== 'GET' && !operation.id.startsWith('accounts.'),
    );
    const missing = planned.filter((operation) => !fixtures[operation.id]).map((operation) => operation.id);
    expect(missing, 'unauthenticated writes without a forgery fixture in sweep/callbacks.test.ts').toEqual([]);

    for (const operation of planned) {
      const fixture = fixtures[operation.id]!;
      const forgeries = await fixture.forgeries();
      const before = await fingerprint(world.app);
      for (const { name, sent, code } of forgeries) {
        const response = await post(operation.path, sent);
        const why = `${operation.id} ${name}: ${response.status} ${response.text}`;
        expect(response.status, why).toBe(401);
        expect(response.body.code, why).toBe(code ?? fixture.code);
        tally.count(operation.id);
      }
      expect(await fingerprint(world.app), `${operation.id} changed something on a forged message`).toEqual(before);
      const genuine = await post(operation.path, await fixture.genuine());
      expect(genuine.status, `${operation.id} genuine: ${genuine.text}`).toBe(fixture.accepted);
    }
    expectNoLeaks(world.app, [DEVICE_SECRET]);
    tally.finish(planned.map((operation) => operation.id));
  }, 180_000);
});
