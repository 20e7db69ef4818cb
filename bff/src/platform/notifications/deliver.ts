import { Types } from 'mongoose';
import type { Deps } from '../deps';
import { notificationPushes } from '../metrics';
import type { SweeperTask } from '../sweeper';
import { createAlipaySender } from './alipay';
import { retryDelayMs } from './backoff';
import { Notifications, type Notification } from './notification.model';
import { guardHolds } from './notify';
import type { PushSender, SendOutcome } from './outcome';
import { afterQuietHours } from './quiet-hours';
import { Recipients } from './recipient.model';
import { templateData, templateFor, type PushPlatform } from './templates';
import { createWechatSender } from './wechat';

/** Longer than any request runs (seats give up after 20 s), so a guard still false after this
 * means the request that wrote the notification died before its state change. */
export const HOLD_GRACE_MS = 5 * 60_000;
/** How long a claim owns a notification; far beyond one send's timeout. */
export const DELIVERY_LEASE_MS = 60_000;
const RECHECK_MS = 60_000;
const PER_LANE = 25;

export type DeliveryStep = 'claimed' | 'sent';

export interface DeliveryOptions {
  /** Replaces the platform clients (tests give them short timeouts). */
  senders?: (deps: Deps) => Partial<Record<PushPlatform, PushSender>>;
  /** Claims worked at once per tick; each lane claims one notification at a time. */
  lanes?: number;
  random?: () => number;
  /** Called between the steps of a delivery; throwing stops it there, as a crash would. */
  failpoint?: (step: DeliveryStep) => void;
}

type Report = { sent: number; retried: number; refused: number; dead: number; skipped: number; voided: number };

function defaultSenders(deps: Deps): Partial<Record<PushPlatform, PushSender>> {
  const { config, clock } = deps;
  return {
    ...(config.WECHAT_APP_ID && config.WECHAT_APP_SECRET ? { wechat: createWechatSender(config, clock) } : {}),
    ...(config.ALIPAY_APP_ID && config.ALIPAY_APP_PRIVATE_KEY && config.ALIPAY_PUBLIC_KEY
      ? { alipay: createAlipaySender(config, clock) }
      : {}),
  };
}

/**
 * The push worker: claims due notifications with one `findOneAndUpdate` each (a lease), so any
 * number of instances run it side by side, and finishes each with an update conditioned on its
 * own lease. A lease that ran out mid-send is never sent again (the first send may have arrived):
 * it goes to the dead letters for an admin to look at. Senders (and so WeChat's token cache) live
 * as long as the task.
 */
export function createNotificationDelivery(options: DeliveryOptions = {}) {
  const lanes = options.lanes ?? 8;
  const random = options.random ?? Math.random;
  const failpoint = options.failpoint ?? (() => {});
  let senders: Partial<Record<PushPlatform, PushSender>> | null = null;

  async function deliverOne(deps: Deps, item: Notification, report: Report): Promise<void> {
    const notifications = Notifications(deps.connection);
    const now = deps.clock.now();
    const mine = { _id: item._id, 'delivery.status': 'sending' as const, 'delivery.leaseId': item.delivery.leaseId };
    const finish = (status: Notification['delivery']['status'], set: Record<string, unknown> = {}) =>
      notifications.updateOne(mine, {
        $set: { 'delivery.status': status, 'delivery.finishedAt': now, 'delivery.leaseId': null, ...set },
      });
    // Not an attempt: the claim's count is taken back.
    const later = (dueAt: Date, set: Record<string, unknown> = {}, uncount = true) =>
      notifications.updateOne(mine, {
        $set: { 'delivery.status': 'waiting', 'delivery.dueAt': dueAt, 'delivery.leaseId': null, ...set },
        ...(uncount ? { $inc: { 'delivery.attempts': -1 } } : {}),
      });

    let live: Record<string, unknown> = {};
    if (item.guard) {
      if (!(await guardHolds(deps, item.guard))) {
        if (now.getTime() - item.createdAt.getTime() < HOLD_GRACE_MS)
          return void (await later(new Date(now.getTime() + RECHECK_MS)));
        report.voided += 1;
        return void (await finish('skipped', {
          state: 'void',
          'delivery.lastError': 'its state change never happened',
        }));
      }
      live = { state: 'live' };
    }
    const skip = (why: string) => {
      report.skipped += 1;
      return finish('skipped', { ...live, 'delivery.lastError': why });
    };
    // Written before the field existed: never stale.
    const pushBy = item.pushBy?.getTime() ?? Infinity;
    if (now.getTime() >= pushBy) return void (await skip('too late: what it was about has begun'));
    // Waiting out the night must not make a reminder arrive after what it reminds of.
    const quietEnd = afterQuietHours(now);
    if (!item.urgent && quietEnd > now && quietEnd.getTime() < pushBy) return void (await later(quietEnd, live));

    const recipient = await Recipients(deps.connection).findById(item.userId).lean();
    const platform = recipient?.platform ?? null;
    const template = platform ? templateFor(deps.config.NOTIFY_TEMPLATES, item.kind, platform) : null;
    const sender = platform ? senders?.[platform] : undefined;
    if (!platform || !recipient?.address) return void (await skip('no push platform'));
    if (!template || !sender) return void (await skip('inbox only: no template'));
    if (recipient.disabledKinds.includes(item.kind)) return void (await skip('kind turned off'));

    // One accepted one-time requestSubscribeMessage is one send: take it before sending, give it
    // back if the send did not happen. A long-term subscription is used, never used up.
    const grant = `grants.${template.templateId}`;
    const recipients = Recipients(deps.connection);
    const longTerm = template.subscription === 'long-term';
    const granted = { _id: item.userId, [grant]: { $gt: 0 } };
    const took = longTerm
      ? (await recipients.exists(granted)) !== null
      : (await recipients.updateOne(granted, { $inc: { [grant]: -1 } })).modifiedCount === 1;
    if (!took) return void (await skip('no subscription left'));
    const refund = async () => {
      if (!longTerm) await recipients.updateOne({ _id: item.userId }, { $inc: { [grant]: 1 } });
    };

    failpoint('claimed');
    let outcome: SendOutcome;
    try {
      outcome = await sender.send({
        to: recipient.address,
        templateId: template.templateId,
        // Both platforms take the page relative to the mini-program root ("pages/x?id=1"); the
        // inbox link is absolute for navigateTo, and a leading '/' is known to fail on WeChat's
        // released builds while working in development ones.
        page: item.link?.replace(/^\/+/, '') || null,
        data: templateData(template, item.values),
      });
    } catch (error) {
      outcome = { result: 'retry', reason: (error as Error).message };
    }
    const done = { ...live, 'delivery.platform': platform };
    if (outcome.result === 'sent') {
      failpoint('sent');
      report.sent += 1;
      return void (await finish('sent', done));
    }
    if (outcome.result === 'refused') {
      report.refused += 1;
      return void (await finish('refused', { ...done, 'delivery.lastError': outcome.reason }));
    }
    await refund();
    if (item.delivery.attempts >= deps.config.NOTIFY_MAX_ATTEMPTS) {
      report.dead += 1;
      return void (await finish('dead', { ...done, 'delivery.lastError': outcome.reason }));
    }
    report.retried += 1;
    const retryAt = new Date(now.getTime() + retryDelayMs(item.delivery.attempts, random));
    await later(retryAt, { ...done, 'delivery.lastError': outcome.reason }, false);
  }

  return {
    name: 'notifications-delivery',
    everyMs: 2_000,
    async tick(deps: Deps): Promise<Report> {
      senders ??= (options.senders ?? defaultSenders)(deps);
      const notifications = Notifications(deps.connection);
      const now = deps.clock.now();
      const report: Report = { sent: 0, retried: 0, refused: 0, dead: 0, skipped: 0, voided: 0 };
      if (deps.config.NOTIFY_DELIVERY === 'off') return report;
      const interrupted = await notifications.updateMany(
        { 'delivery.status': 'sending', 'delivery.leaseUntil': { $lte: now } },
        {
          $set: {
            'delivery.status': 'dead',
            'delivery.leaseId': null,
            'delivery.finishedAt': now,
            'delivery.lastError': 'a worker stopped mid-send; not resent, as the first may have arrived',
          },
        },
      );
      report.dead += interrupted.modifiedCount;

      const lane = async () => {
        for (let n = 0; n < PER_LANE; n += 1) {
          const item = await notifications
            .findOneAndUpdate(
              { 'delivery.status': 'waiting', 'delivery.dueAt': { $lte: now } },
              {
                $set: {
                  'delivery.status': 'sending',
                  'delivery.leaseUntil': new Date(now.getTime() + DELIVERY_LEASE_MS),
                  'delivery.leaseId': new Types.ObjectId(),
                },
                $inc: { 'delivery.attempts': 1 },
              },
              { sort: { 'delivery.dueAt': 1 }, returnDocument: 'after' },
            )
            .lean<Notification>();
          if (!item) return;
          await deliverOne(deps, item, report);
        }
      };
      await Promise.all(Array.from({ length: lanes }, lane));
      for (const [outcome, count] of Object.entries(report)) if (count > 0) notificationPushes.inc({ outcome }, count);
      return report;
    },
  } satisfies SweeperTask;
}
