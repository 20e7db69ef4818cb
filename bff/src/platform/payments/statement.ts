import type { Deps } from '../deps';
import { problem } from '../problem';
import type { SessionUser } from '../session';
import { PaymentOrders } from './order.model';

// Statements follow the residents' calendar day, China Standard Time (no daylight saving).
const CST_OFFSET = '+08:00';

/**
 * A merchant scope's day as its takings moved: the orders made, paid or refunded that day, each
 * with what it brought in and gave back that day, so a refund days later counts on the day it
 * was made (as on the platforms' own daily bills) and a closed day's figures never change.
 */
export async function dailyStatement(deps: Deps, user: SessionUser, scope: string, date: string) {
  if (!user.roles.includes('admin') && !user.scopes.includes(scope)) throw problem('NOT_FOUND');
  const from = new Date(`${date}T00:00:00${CST_OFFSET}`);
  if (Number.isNaN(from.getTime())) throw problem('VALIDATION_FAILED');
  const to = new Date(from.getTime() + 24 * 60 * 60 * 1000);
  const inDay = { $gte: from, $lt: to };
  const within = (at: Date | null | undefined) => Boolean(at && at >= from && at < to);
  const orders = await PaymentOrders(deps.connection)
    .find({ scope, $or: [{ createdAt: inDay }, { paidAt: inDay }, { 'refunds.completedAt': inDay }] })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  const rows = orders.map((order) => ({
    id: order._id.toHexString(),
    status: order.status,
    description: order.description,
    amountFen: order.amountFen,
    paidFen: within(order.paidAt) ? order.paidFen : 0,
    refundedFen: order.refunds.reduce((sum, refund) => sum + (within(refund.completedAt) ? refund.amountFen : 0), 0),
  }));
  const paidFen = rows.reduce((sum, row) => sum + row.paidFen, 0);
  const refundedFen = rows.reduce((sum, row) => sum + row.refundedFen, 0);
  return { scope, date, orders: rows, paidFen, refundedFen, netFen: paidFen - refundedFen };
}
