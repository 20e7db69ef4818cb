import { createPublicKey, createVerify } from 'node:crypto';
import { Types } from 'mongoose';
import { expect } from 'vitest';
import { startAlipayFake, type AlipayFake } from '../../../scripts/fakes/alipay';
import { startWechatPayFake, type WechatPayFake } from '../../../scripts/fakes/wechat-pay';
import type { Deps } from '../../src/platform/deps';
import { createLogger } from '../../src/platform/logger';
import { paymentAlerts } from '../../src/platform/metrics';
import type { PaymentAlert } from '../../src/platform/payments/alerts';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { rememberRecipient } from '../../src/platform/notifications/notify';
import type { PaymentHookRegistry } from '../../src/platform/payments/hooks';
import {
  newObjectId,
  standingClock,
  startTestApp,
  type TestApp,
  type TestClock,
  type TestResponse,
} from '../support/app';
import { testOperations, testRoutes } from '../support/test-operations';

export interface PaymentsWorld {
  app: TestApp;
  wechat: WechatPayFake;
  alipay: AlipayFake;
  clock: TestClock;
  /** What the stand-in feature heard, in order: `paid:<orderId>`, `refunded:<orderId>:<fen>`. */
  events: string[];
  /** The reconciliation sweeper as another BFF instance runs it, on the same clock. */
  deps: Deps;
  close(): Promise<void>;
}

export async function startPaymentsWorld(): Promise<PaymentsWorld> {
  const clock = standingClock(new Date('2026-03-02T02:00:00.000Z'));
  const events: string[] = [];
  const paymentHooks: PaymentHookRegistry = {
    test: {
      onPaid: async (_deps, order) => void events.push(`paid:${order._id.toHexString()}`),
      onRefunded: async (_deps, order, refund) =>
        void events.push(`refunded:${order._id.toHexString()}:${refund.amountFen}`),
    },
  };
  const wechat = await startWechatPayFake(() => clock.now());
  const alipay = await startAlipayFake(() => clock.now());
  const app = await startTestApp({
    extraOperations: testOperations,
    extraRoutes: testRoutes(),
    env: { ...wechat.env, ...alipay.env },
    clock,
    paymentHooks,
  });
  const deps: Deps = {
    config: app.config,
    connection: app.connection,
    logger: createLogger(app.config, { write: (line: string) => void app.logs.push(line) }),
    clock,
    accountData: app.deps.accountData,
    paymentHooks,
    uploadHooks: app.deps.uploadHooks,
  };
  return {
    app,
    wechat,
    alipay,
    clock,
    events,
    deps,
    close: async () => {
      await app.close();
      await wechat.close();
      await alipay.close();
    },
  };
}

/** A resident's order of `fen` for the stand-in feature in `scope`, open for 30 minutes. */
export async function orderFor(
  world: PaymentsWorld,
  token: string,
  fen: number[],
  scope = 'site:test-1',
  subjectId = `s-${Math.random()}`,
) {
  const response = await world.app.request('POST', '/api/test/payment-orders', {
    token,
    body: {
      subjectId,
      scope,
      items: fen.map((amountFen, i) => ({ name: `项目${i + 1}`, amountFen })),
      expiresInMinutes: 30,
    },
  });
  if (response.status !== 201) throw new Error(`order not created: ${response.text}`);
  return response.body.id as string;
}

/** A resident signed in on `platform` as `address`, recorded as sign-in records it; the dev
 * sign-in records no platform. */
export async function residentOn(
  world: PaymentsWorld,
  platform: 'wechat' | 'alipay' | 'dev',
  address = `u-${newObjectId()}`,
) {
  const signed = world.app.signIn('resident');
  await rememberRecipient(world.deps, new Types.ObjectId(signed.user.id), platform, address);
  return signed.token;
}

export async function sendAlipayNotify(
  world: PaymentsWorld,
  notify: { body: string; headers: Record<string, string> },
) {
  return world.app.request('POST', '/api/payments/notify/alipay', { raw: notify.body, headers: notify.headers });
}

/** How often `alert` has been raised in this process (`warmcity_payment_alerts_total`). */
export async function alertCount(alert: PaymentAlert): Promise<number> {
  const { values } = await paymentAlerts.get();
  return values.find((value) => value.labels.alert === alert)?.value ?? 0;
}

/** A payment notification whose amount differs from the order's: refused, alerted (the counter an
 * alert rule watches, and a log line with both amounts), and the order still waiting. */
export async function expectAmountRefused(
  world: PaymentsWorld,
  id: string,
  send: () => Promise<TestResponse>,
  amounts: { orderFen: number; paidFen: number },
) {
  const alerts = await alertCount('payment-amount-mismatch');
  const response = await send();
  expect(await alertCount('payment-amount-mismatch')).toBe(alerts + 1);
  expect(response.status).toBe(400);
  expect(response.body.code).toBe('PAYMENT_AMOUNT_MISMATCH');
  expect((await PaymentOrders(world.app.connection).findById(id).lean())?.status).toBe('paying');
  const alert = world.app.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .find((line) => line.alert === 'payment-amount-mismatch' && line.orderId === id);
  expect(alert).toMatchObject(amounts);
}

export async function sendNotification(
  world: PaymentsWorld,
  notification: { body: string; headers: Record<string, string> },
) {
  return world.app.request('POST', '/api/payments/notify/wechat', {
    raw: notification.body,
    headers: notification.headers,
  });
}

/** Whether the `Taro.requestPayment` parameters carry the merchant's signature over appId, timeStamp, nonceStr, package. */
export function paySignHolds(
  world: PaymentsWorld,
  params: { timeStamp: string; nonceStr: string; package: string; paySign: string },
) {
  const publicKey = createPublicKey(world.wechat.env.WECHAT_PAY_PRIVATE_KEY!);
  const message = `${world.wechat.env.WECHAT_APP_ID}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  return createVerify('RSA-SHA256').update(message).verify(publicKey, params.paySign, 'base64');
}
