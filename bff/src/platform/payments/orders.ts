import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { paymentAlert } from './alerts';
import { gatewayFor, type PendingRefund, type PlatformAnswer } from './gateways';
import { PaymentOrders, type OrderStatus, type PaymentOrder } from './order.model';
import { payerPlatform } from './payer';

export interface CreateOrderInput {
  readonly payer: { readonly id: string; readonly wechatOpenId?: string };
  readonly amountFen: number;
  readonly description: string;
  readonly items: readonly { readonly name: string; readonly amountFen: number }[];
  /** The feature object paid for; one order per subject, so a retried create returns the first. */
  readonly subject: { readonly feature: string; readonly kind: string; readonly id: string };
  /** The merchant (`charging-site:<id>`, `cemetery:<id>`): staff holding that scope see the order on their statement. */
  readonly scope: string;
  readonly expiresAt: Date;
}

/** A feature's order for a service already given; the resident pays it from the order page. */
export async function createOrder(
  deps: Pick<Deps, 'connection' | 'clock'>,
  input: CreateOrderInput,
): Promise<PaymentOrder> {
  const fen = [input.amountFen, ...input.items.map((item) => item.amountFen)];
  if (!fen.every((value) => Number.isInteger(value) && value >= 0)) throw new Error('amountFen must be integer fen');
  if (input.items.reduce((sum, item) => sum + item.amountFen, 0) !== input.amountFen) {
    throw new Error('the items must add up to amountFen');
  }
  const now = deps.clock.now();
  const order = await PaymentOrders(deps.connection).findOneAndUpdate(
    { 'subject.feature': input.subject.feature, 'subject.kind': input.subject.kind, 'subject.id': input.subject.id },
    {
      $setOnInsert: {
        payer: input.payer.id,
        payerWechatOpenId: input.payer.wechatOpenId ?? null,
        scope: input.scope,
        description: input.description,
        items: input.items,
        amountFen: input.amountFen,
        status: 'created',
        expiresAt: input.expiresAt,
        createdAt: now,
      },
    },
    // The schema's integer-fen validators run on the insert too, not only on `create`.
    { upsert: true, runValidators: true, returnDocument: 'after', lean: true },
  );
  return order as unknown as PaymentOrder;
}

// Enough to find the order waiting to be paid; older ones are on the merchant's statements.
const MY_ORDERS_SHOWN = 20;

/** The payer's own most recent orders, newest first. */
export async function myOrders(deps: Deps, payer: string): Promise<PaymentOrder[]> {
  return (await PaymentOrders(deps.connection)
    .find({ payer })
    .sort({ createdAt: -1, _id: -1 })
    .limit(MY_ORDERS_SHOWN)
    .lean()) as unknown as PaymentOrder[];
}

/** The payer's own order; anyone else's answers like a missing one. */
export async function ownOrder(deps: Deps, payer: string, id: string): Promise<PaymentOrder> {
  const order = await PaymentOrders(deps.connection).findOne({ _id: id, payer }).lean();
  if (!order) throw problem('NOT_FOUND');
  return order as unknown as PaymentOrder;
}

/** created/paying → paying through the payer's platform, while it is open; the platform's prepay
 * id is kept. */
export async function startPayment(deps: Deps, payer: string, id: string) {
  const order = await ownOrder(deps, payer, id);
  const { provider, address } = await payerPlatform(deps, payer);
  const gateway = gatewayFor(deps, provider);
  const now = deps.clock.now();
  const open = { _id: order._id, status: { $in: ['created', 'paying'] as OrderStatus[] }, expiresAt: { $gt: now } };
  if (!(await PaymentOrders(deps.connection).exists(open))) throw problem('ORDER_NOT_PAYABLE');
  const prepared = await gateway.prepare(order, { address });
  const moved = await PaymentOrders(deps.connection).findOneAndUpdate(
    open,
    { $set: { status: 'paying', provider, prepayId: prepared.prepayId } },
    { returnDocument: 'after', lean: true },
  );
  if (!moved) throw problem('ORDER_NOT_PAYABLE');
  return { order: moved as PaymentOrder, params: prepared.params };
}

/**
 * The platform says the order was paid (callback, query or the dev page). Exactly one caller
 * moves it: created/paying → paid, or closed → refunding when the money came after the close
 * (it goes straight back; the feature never hears of it). Anyone later changes nothing.
 */
export async function settlePaid(
  deps: Deps,
  id: string,
  paid: Extract<PlatformAnswer, { state: 'paid' }>,
): Promise<'paid' | 'refunding-late' | 'unchanged'> {
  const orders = PaymentOrders(deps.connection);
  const order = await orders.findById(id).lean();
  if (!order) throw problem('NOT_FOUND');
  if (paid.amountFen !== order.amountFen) {
    paymentAlert(
      deps,
      'payment-amount-mismatch',
      { orderId: id, orderFen: order.amountFen, paidFen: paid.amountFen },
      'payment amount differs from the order; not settled',
    );
    throw problem('PAYMENT_AMOUNT_MISMATCH');
  }
  const now = deps.clock.now();
  const settled = { paidFen: paid.amountFen, providerTradeNo: paid.tradeNo, paidAt: now };
  const moved = await orders.findOneAndUpdate(
    { _id: id, status: { $in: ['created', 'paying'] } },
    { $set: { status: 'paid', ...settled }, $push: { hooksDue: 'paid' } },
    { returnDocument: 'after', lean: true },
  );
  if (moved) {
    await deliverHooks(deps, id);
    return 'paid';
  }
  const refund: PendingRefund = { _id: randomUUID(), amountFen: paid.amountFen, reason: '订单已关闭后支付，自动退款' };
  const late = await orders.findOneAndUpdate(
    { _id: id, status: 'closed', paidFen: 0 },
    { $set: { status: 'refunding', paidAfterClose: true, pendingRefund: { ...refund, requestedAt: now }, ...settled } },
    { returnDocument: 'after', lean: true },
  );
  if (!late) return 'unchanged';
  paymentAlert(deps, 'paid-after-close', { orderId: id }, 'order paid after it was closed; refunding it');
  await sendRefund(deps, late as PaymentOrder).catch((error: unknown) =>
    deps.logger.warn({ err: error, orderId: id }, 'refund not sent; the sweeper retries it'),
  );
  return 'refunding-late';
}

/**
 * Gives back `amountFen` of what was paid, to the original payment method; one refund at a time.
 * Answers once the platform has it; a refund the platform finishes later completes from its
 * notification or the sweeper.
 */
export async function refundOrder(
  deps: Deps,
  input: { readonly orderId: string; readonly amountFen: number; readonly reason: string },
): Promise<PaymentOrder> {
  if (!Number.isInteger(input.amountFen) || input.amountFen <= 0) throw problem('VALIDATION_FAILED');
  const orders = PaymentOrders(deps.connection);
  const order = await orders.findById(input.orderId).lean();
  if (!order) throw problem('NOT_FOUND');
  if (input.amountFen > order.paidFen - order.refundedFen) throw problem('REFUND_EXCEEDS_PAID');
  const refund = { _id: randomUUID(), amountFen: input.amountFen, reason: input.reason, requestedAt: deps.clock.now() };
  const moved = await orders.findOneAndUpdate(
    {
      _id: input.orderId,
      status: { $in: ['paid', 'refunded'] },
      pendingRefund: null,
      $expr: { $lte: [{ $add: ['$refundedFen', input.amountFen] }, '$paidFen'] },
    },
    { $set: { status: 'refunding', pendingRefund: refund } },
    { returnDocument: 'after', lean: true },
  );
  if (!moved) {
    const now = await orders.findById(input.orderId, { status: 1 }).lean();
    throw problem(now?.status === 'refunding' ? 'REFUND_IN_PROGRESS' : 'REFUND_EXCEEDS_PAID');
  }
  await sendRefund(deps, moved as PaymentOrder);
  return (await orders.findById(input.orderId).lean()) as unknown as PaymentOrder;
}

/** Sends the pending refund (again: the platforms treat the same refund id as one refund). */
export async function sendRefund(deps: Deps, order: PaymentOrder): Promise<void> {
  if (!order.pendingRefund || !order.provider) return;
  const outcome = await gatewayFor(deps, order.provider).refund(order, order.pendingRefund);
  if (outcome === 'succeeded') await completeRefund(deps, order._id.toHexString(), order.pendingRefund._id);
}

/** refunding → refunded, once for this refund id however many notifications and retries say so. */
export async function completeRefund(deps: Deps, id: string, refundId: string): Promise<boolean> {
  const orders = PaymentOrders(deps.connection);
  const order = await orders.findOne({ _id: id, 'pendingRefund._id': refundId }).lean();
  if (!order?.pendingRefund) return false;
  const moved = await orders.findOneAndUpdate(
    { _id: id, status: 'refunding', 'pendingRefund._id': refundId },
    {
      $set: { status: 'refunded', pendingRefund: null },
      $inc: { refundedFen: order.pendingRefund.amountFen },
      $push: {
        refunds: { ...order.pendingRefund, completedAt: deps.clock.now() },
        ...(order.paidAfterClose ? {} : { hooksDue: `refunded:${refundId}` }),
      },
    },
    { returnDocument: 'after', lean: true },
  );
  if (!moved) return false;
  await deliverHooks(deps, id);
  return true;
}

/** created/paying → closed once expired, after the platform has closed its side. */
export async function closeExpired(deps: Deps, order: PaymentOrder): Promise<boolean> {
  if (order.provider && (await gatewayFor(deps, order.provider).close(order)) === 'paid') return false;
  const now = deps.clock.now();
  const moved = await PaymentOrders(deps.connection).findOneAndUpdate(
    { _id: order._id, status: { $in: ['created', 'paying'] }, expiresAt: { $lte: now } },
    { $set: { status: 'closed', closedAt: now } },
  );
  return moved !== null;
}

/** Tells the feature; an event leaves `hooksDue` only once its hook returned. */
export async function deliverHooks(deps: Deps, id: string): Promise<number> {
  const orders = PaymentOrders(deps.connection);
  const order = (await orders.findById(id).lean()) as unknown as PaymentOrder | null;
  if (!order) return 0;
  const hooks = deps.paymentHooks[order.subject.feature];
  let delivered = 0;
  for (const event of order.hooksDue) {
    try {
      if (event === 'paid') await hooks?.onPaid?.(deps, order);
      else {
        const refund = order.refunds.find((r) => `refunded:${r._id}` === event);
        if (refund)
          await hooks?.onRefunded?.(deps, order, {
            id: refund._id,
            amountFen: refund.amountFen,
            reason: refund.reason,
          });
      }
    } catch (error) {
      deps.logger.warn({ err: error, orderId: id, event }, 'payment hook failed; the sweeper retries it');
      continue;
    }
    await orders.updateOne({ _id: id }, { $pull: { hooksDue: event } });
    delivered += 1;
  }
  return delivered;
}
