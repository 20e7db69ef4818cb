import type { OrderView } from '@warmcity/shared/api/payments';
import type { PaymentOrder } from './order.model';

export const orderView = (order: PaymentOrder): OrderView => ({
  id: order._id.toHexString(),
  status: order.status,
  description: order.description,
  items: order.items.map((item) => ({ name: item.name, amountFen: item.amountFen })),
  amountFen: order.amountFen,
  paidFen: order.paidFen,
  refundedFen: order.refundedFen,
  provider: order.provider ?? null,
  expiresAt: order.expiresAt.toISOString(),
  paidAt: order.paidAt?.toISOString() ?? null,
});
