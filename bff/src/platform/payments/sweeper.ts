import type { Deps } from '../deps';
import type { SweeperTask } from '../sweeper';
import { gatewayFor } from './gateways';
import { PaymentOrders, type PaymentOrder } from './order.model';
import { closeExpired, deliverHooks, sendRefund, settlePaid } from './orders';

// An instance that dies mid-order loses its claim after this; another instance takes it over.
const LEASE_MS = 60_000;
const BATCH = 50;

async function claim(deps: Deps, filter: Record<string, unknown>): Promise<PaymentOrder | null> {
  const now = deps.clock.now();
  return (await PaymentOrders(deps.connection).findOneAndUpdate(
    { $and: [filter, { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] }] },
    { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS) } },
    { returnDocument: 'after', lean: true },
  )) as unknown as PaymentOrder | null;
}

/** Asks the platform about one order waiting on it, and settles or closes it from the answer. */
async function reconcile(deps: Deps, order: PaymentOrder): Promise<'paid' | 'closed' | 'waiting'> {
  const expired = order.expiresAt.getTime() <= deps.clock.now().getTime();
  if (order.status === 'paying' && order.provider) {
    const answer = await gatewayFor(deps, order.provider).query(order);
    if (answer.state === 'paid') {
      await settlePaid(deps, order._id.toHexString(), answer);
      return 'paid';
    }
    if (answer.state === 'unpaid' && !expired) return 'waiting';
  }
  if (!expired) return 'waiting';
  return (await closeExpired(deps, order)) ? 'closed' : 'waiting';
}

/**
 * Reconciliation: orders in `paying` are settled from the platform's answer (a lost or late
 * callback), expired unpaid ones are closed, refunds the platform has not finished are sent again,
 * and hook events a crash left undelivered are delivered. Each order is claimed by a lease, so
 * instances running side by side never work on the same one at once.
 */
export const paymentReconciliation: SweeperTask = {
  name: 'payments.reconcile',
  everyMs: 30_000,
  async tick(deps) {
    const report = { paid: 0, closed: 0, refundsSent: 0, hooksDelivered: 0, failed: 0 };
    const now = deps.clock.now();
    const rounds: [Record<string, unknown>, (order: PaymentOrder) => Promise<void>][] = [
      [
        { $or: [{ status: 'paying' }, { status: 'created', expiresAt: { $lte: now } }] },
        async (order) => {
          const outcome = await reconcile(deps, order);
          if (outcome !== 'waiting') report[outcome] += 1;
        },
      ],
      [
        { status: 'refunding' },
        async (order) => {
          await sendRefund(deps, order);
          report.refundsSent += 1;
        },
      ],
      [
        { 'hooksDue.0': { $exists: true } },
        async (order) => void (report.hooksDelivered += await deliverHooks(deps, order._id.toHexString())),
      ],
    ];
    for (const [filter, work] of rounds) {
      for (let i = 0; i < BATCH; i += 1) {
        const order = await claim(deps, filter);
        if (!order) break;
        try {
          await work(order);
        } catch (error) {
          report.failed += 1;
          deps.logger.warn(
            { err: error, orderId: order._id.toHexString() },
            'payment reconciliation failed; retried later',
          );
        }
      }
    }
    return report;
  },
};
