import { expect } from 'vitest';
import { Types } from 'mongoose';
import { startAccountsApp, type AccountsTestApp } from '../accounts/support';
import { standingClock } from '../support/app';
import type { Deps } from '../../src/platform/deps';
import { createNotificationDelivery, type DeliveryOptions } from '../../src/platform/notifications/deliver';
import { createWechatSender } from '../../src/platform/notifications/wechat';
import { createAlipaySender } from '../../src/platform/notifications/alipay';

export const TEMPLATES = {
  booking_promoted: {
    wechat: { templateId: 'TPL-promoted', fields: { thing1: 'course', time2: 'startsAt', phrase3: 'status' } },
    alipay: { templateId: 'ATPL-promoted', fields: { keyword1: 'course', keyword2: 'startsAt' } },
  },
  session_cancelled: { wechat: { templateId: 'TPL-cancelled', fields: { thing1: 'course', thing2: 'reason' } } },
  // 教育 is a category WeChat offers long-term subscriptions to.
  course_opened: { wechat: { templateId: 'TPL-opened', subscription: 'long-term', fields: { thing1: 'course' } } },
};

export interface NotificationsTestApp extends AccountsTestApp {
  /** A fresh push worker, as a freshly started BFF instance would have (its own token cache). */
  worker(options?: DeliveryOptions): ReturnType<typeof createNotificationDelivery>;
  signInWith(provider: 'wechat' | 'alipay', who: string): Promise<{ token: string; id: string }>;
}

export async function startNotificationsApp(): Promise<NotificationsTestApp> {
  // Starts at 12:00 China time and stands still unless a test moves it.
  const app = await startAccountsApp({
    clock: standingClock(new Date('2026-03-02T04:00:00Z')),
    env: { NOTIFY_TEMPLATES: JSON.stringify(TEMPLATES), NOTIFY_MAX_ATTEMPTS: '3' },
  });
  const fastSenders = (d: Deps) => ({
    wechat: createWechatSender(d.config, d.clock, { timeoutMs: 1_500 }),
    alipay: createAlipaySender(d.config, d.clock, { timeoutMs: 1_500 }),
  });
  return Object.assign(app, {
    worker: (options: DeliveryOptions = {}) =>
      createNotificationDelivery({ senders: fastSenders, random: () => 0.5, ...options }),
    async signInWith(provider: 'wechat' | 'alipay', who: string) {
      const response = await app.request('POST', '/api/accounts/sign-in', {
        body: { provider, code: `valid-${who}~${new Types.ObjectId().toHexString()}` },
      });
      expect(response.status, response.text).toBe(200);
      return { token: response.body.accessToken as string, id: response.body.account.id as string };
    },
  });
}

export async function grant(app: NotificationsTestApp, token: string, templateId: string, times = 1) {
  for (let i = 0; i < times; i += 1) {
    const response = await app.request('POST', '/api/notifications/settings/subscribe-answers', {
      token,
      body: { answers: [{ templateId, answer: 'accept' }] },
      headers: { 'idempotency-key': new Types.ObjectId().toHexString() },
    });
    expect(response.status, response.text).toBe(200);
  }
}
