import type { Types } from 'mongoose';
import { RESERVATION_REMINDER_MINUTES, type EndReason } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { cancelScheduled, notify } from '../../platform/notifications/notify';
import { Charges, type Charge } from './charge.model';
import { chinaClock } from './china-time';

/** What charging tells residents, through the platform's `notify()`. */

type Where = Pick<Deps, 'connection' | 'clock'>;

export const chargeLink = (chargeId: Types.ObjectId) => `/charging/pages/charge/index?id=${chargeId.toHexString()}`;
const reminderKey = (chargeId: Types.ObjectId) => `charging:reminder:${chargeId.toHexString()}`;
const yuan = (fen: number) => (fen / 100).toFixed(2);

const END_TEXT: Record<EndReason, string> = {
  resident: '您已结束充电',
  max_length: '已达到本站单次最长充电时间',
  unplugged: '充电插头已拔出',
  fault: '充电口发生故障',
  offline: '充电口失去连接',
  out_of_service: '充电口已暂停使用',
  account_deleted: '账号已注销',
};

/**
 * The reminder before the hold runs out, written before the reservation exists: it stands only
 * while the charge is still a reservation, so one that started, was cancelled or never came to
 * be is voided at its send time even if nobody cancelled it.
 */
export async function scheduleReminder(
  deps: Where,
  chargeId: Types.ObjectId,
  holder: Types.ObjectId,
  where: { siteName: string; portLabel: string },
  expiresAt: Date,
): Promise<void> {
  await notify(
    deps,
    holder,
    'charging_reminder',
    {
      title: '充电预约即将到期',
      body: `${where.siteName}${where.portLabel ? ` ${where.portLabel}` : ''} 的预约将于 ${chinaClock(expiresAt)} 到期，请尽快扫码开始充电。`,
      link: chargeLink(chargeId),
      values: { site: where.siteName, port: where.portLabel, expiresAt: chinaClock(expiresAt) },
    },
    {
      dedupeKey: reminderKey(chargeId),
      sendAt: new Date(expiresAt.getTime() - RESERVATION_REMINDER_MINUTES * 60_000),
      urgent: true,
      // "Ends in 5 minutes" after the hold has ended would be wrong.
      pushBy: expiresAt,
      guard: { model: Charges(deps.connection), filter: { _id: chargeId, status: 'confirmed', startedAt: null } },
    },
  );
}

export const cancelReminder = (deps: Where, chargeId: Types.ObjectId) =>
  cancelScheduled(deps, { dedupeKey: reminderKey(chargeId) });

/** A no-show: told after the expiry released the port (the sweeper's outbox), once per charge. */
export async function tellExpired(deps: Where, charge: Pick<Charge, '_id' | 'holder'>): Promise<void> {
  await notify(
    deps,
    charge.holder,
    'charging_expired',
    {
      title: '充电预约已失效',
      body: '您未在预约保留时间内开始充电，充电口已释放。如需充电请重新预约。',
      link: chargeLink(charge._id),
    },
    { dedupeKey: `charging:expired:${charge._id.toHexString()}`, urgent: true },
  );
}

/** A reservation the equipment side cancelled; written before the cancel, guarded on it. */
export async function tellCancelled(
  deps: Where,
  charge: Pick<Charge, '_id' | 'holder'>,
  reason: EndReason,
): Promise<void> {
  await notify(
    deps,
    charge.holder,
    'charging_cancelled',
    {
      title: '充电预约已取消',
      body: `${END_TEXT[reason]}，您的预约已取消，请换一个充电口重新预约。`,
      link: chargeLink(charge._id),
    },
    {
      dedupeKey: `charging:cancelled:${charge._id.toHexString()}`,
      urgent: true,
      guard: { model: Charges(deps.connection), filter: { _id: charge._id, status: 'cancelled', endReason: reason } },
    },
  );
}

/** A session that ended without the resident stopping it; written before the release that
 * ends it, guarded on exactly that end, so a different ender winning the race voids it. */
export async function tellEnded(
  deps: Where,
  charge: Pick<Charge, '_id' | 'holder'>,
  end: { reason: EndReason; endedAt: Date; minutes: number; costFen: number },
): Promise<void> {
  const cost = end.costFen > 0 ? `费用 ${yuan(end.costFen)} 元，请在充电记录中支付。` : '本站免费，无需支付。';
  await notify(
    deps,
    charge.holder,
    'charging_ended',
    {
      title: '充电已结束',
      body: `${END_TEXT[end.reason]}，本次充电 ${end.minutes} 分钟。${cost}`,
      link: chargeLink(charge._id),
      values: { minutes: String(end.minutes), cost: yuan(end.costFen), endedAt: chinaClock(end.endedAt) },
    },
    {
      dedupeKey: `charging:ended:${charge._id.toHexString()}`,
      urgent: true,
      guard: {
        model: Charges(deps.connection),
        filter: { _id: charge._id, endReason: end.reason, endedAt: end.endedAt },
      },
    },
  );
}
