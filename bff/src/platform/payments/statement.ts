import type { Deps } from '../deps';
import { problem } from '../problem';
import type { SessionUser } from '../session';
import { PaymentOrders } from './order.model';

// Statements follow the residents' calendar day, China Standard Time (no daylight saving).
const CST_OFFSET = '+08:00';

/** A merchant scope's day: the orders created that day, what they brought in, gave back, net. */
export async function dailyStatement(deps: Deps, user: SessionUser, scope: string, date: string) {
  if (!user.roles.includes('admin') && !user.scopes.includes(scope)) throw problem('NOT_FOUND');
  const from = new Date(`${date}T00:00:00${CST_OFFSET}`);
  if (Number.isNaN(from.getTime())) throw problem('VALIDATION_FAILED');
  const to = new Date(from.getTime() + 24 * 60 * 60 * 1000);
  const orders = await PaymentOrders(deps.connection)
    .find({ scope, createdAt: { $gte: from, $lt: to } })
    .sort({ createdAt: 1 })
    .lean();
  const paidFen = orders.reduce((sum, order) => sum + order.paidFen, 0);
  const refundedFen = orders.reduce((sum, order) => sum + order.refundedFen, 0);
  return {
    scope,
    date,
    orders: orders.map((order) => ({
      id: order._id.toHexString(),
      status: order.status,
      description: order.description,
      amountFen: order.amountFen,
      paidFen: order.paidFen,
      refundedFen: order.refundedFen,
    })),
    paidFen,
    refundedFen,
    netFen: paidFen - refundedFen,
  };
}
