import { billedMinutes, type EndReason } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { createOrder } from '../../platform/payments/orders';
import { Charges, type Charge } from './charge.model';
import { tellEnded } from './notices';
import { portSeats } from './seats';

/** Unpaid charging orders stay payable this long. */
const ORDER_VALID_MS = 7 * 24 * 3600_000;

export interface SessionEnd {
  at: Date;
  reason: EndReason;
  /** The final meter reading, when the device sent one; otherwise the last one stays. */
  energyWh?: number | null;
}

/** The bill of a session ending at `at`: never past the site's maximum, whoever ends it late. */
export function billOf(charge: Pick<Charge, 'startedAt' | 'maxMinutes' | 'pricePerMinuteFen'>, at: Date) {
  const started = charge.startedAt?.getTime() ?? at.getTime();
  const end = Math.max(started, Math.min(at.getTime(), started + charge.maxMinutes * 60_000));
  const seconds = Math.floor((end - started) / 1000);
  const minutes = billedMinutes(seconds, charge.maxMinutes);
  return { endedAt: new Date(end), seconds, minutes, costFen: minutes * charge.pricePerMinuteFen };
}

/**
 * Ends a running session and bills it, in the one update that frees the port (the seats
 * release, conditioned on the seat still holding it): when several enders race (the resident,
 * the max-length sweeper, the device), exactly one bill is written and every caller returns it.
 * A session that costs something then gets its order.
 */
export async function finishSession(deps: Deps, charge: Charge, end: SessionEnd): Promise<Charge> {
  const bill = billOf(charge, end.at);
  if (end.reason !== 'resident') await tellEnded(deps, charge, { reason: end.reason, ...bill });
  const ended = await portSeats(deps).release(charge._id, {
    ...bill,
    endReason: end.reason,
    stopsBy: null,
    orderDueAt: bill.costFen > 0 ? bill.endedAt : null,
    ...(end.energyWh === undefined || end.energyWh === null ? {} : { energyWh: end.energyWh }),
  });
  if (!ended) throw new Error(`charge ${charge._id.toHexString()} vanished while ending`);
  return settleOrder(deps, ended);
}

/** Creates the order of an ended session that owes one (keyed by the charge, so a retry or a
 * racing caller gets the same order) and records it on the charge. */
export async function settleOrder(deps: Deps, charge: Charge): Promise<Charge> {
  if (!charge.orderDueAt || charge.costFen === null || charge.minutes === null) return charge;
  const order = await createOrder(deps, {
    payer: { id: charge.holder.toHexString() },
    amountFen: charge.costFen,
    description: `电动自行车充电 ${charge.minutes} 分钟`,
    items: [{ name: `充电 ${charge.minutes} 分钟 × ${charge.pricePerMinuteFen} 分/分钟`, amountFen: charge.costFen }],
    subject: { feature: 'charging', kind: 'session', id: charge._id.toHexString() },
    scope: `charging-site:${charge.siteId.toHexString()}`,
    expiresAt: new Date(charge.orderDueAt.getTime() + ORDER_VALID_MS),
  });
  const settled = await Charges(deps.connection)
    .findOneAndUpdate(
      { _id: charge._id, orderDueAt: { $type: 'date' } },
      { $set: { orderId: order._id, orderDueAt: null } },
      { returnDocument: 'after' },
    )
    .lean<Charge>();
  return settled ?? (await Charges(deps.connection).findById(charge._id).lean<Charge>()) ?? charge;
}

/** The payments hook: the order of a session was paid. Idempotent (delivery is at least once). */
export async function markChargePaid(deps: Deps, chargeId: string): Promise<void> {
  await Charges(deps.connection).updateOne({ _id: chargeId, paidAt: null }, { $set: { paidAt: deps.clock.now() } });
}
