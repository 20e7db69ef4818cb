import { Schema, type Types } from 'mongoose';
import { defineModel } from '../model';

const fen = { type: Number, required: true, min: 0, validate: Number.isInteger } as const;

const refundSchema = new Schema(
  {
    _id: { type: String, required: true },
    amountFen: fen,
    reason: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    /** When the platform finished it: the day it counts on the statement. */
    completedAt: { type: Date, default: null },
  },
  { _id: false },
);

/**
 * One payable order. Its `status` moves only by conditional updates whose filter names the state
 * it leaves, so however callbacks, polling and retries race, each transition happens once.
 * `outTradeNo` is the id the payment platforms know it by (our `_id` as hex).
 */
const orderSchema = new Schema<PaymentOrder>(
  {
    payer: { type: String, required: true },
    /** WeChat JSAPI pays as this openid when the feature names one; otherwise as the payer's
     * address from sign-in (`payer.ts`). */
    payerWechatOpenId: { type: String, default: null },
    scope: { type: String, required: true },
    subject: {
      feature: { type: String, required: true },
      kind: { type: String, required: true },
      id: { type: String, required: true },
    },
    description: { type: String, required: true },
    items: [{ _id: false, name: { type: String, required: true }, amountFen: fen }],
    amountFen: fen,
    status: {
      type: String,
      required: true,
      enum: ['created', 'paying', 'paid', 'refunding', 'refunded', 'closed'],
    },
    provider: { type: String, enum: ['dev', 'wechat', 'alipay'], default: null },
    prepayId: { type: String, default: null },
    providerTradeNo: { type: String, default: null },
    paidFen: { ...fen, default: 0 },
    refundedFen: { ...fen, default: 0 },
    /** The refund under way while `status` is `refunding`; one at a time. */
    pendingRefund: { type: refundSchema, default: null },
    refunds: { type: [refundSchema], default: [] },
    /** Paid after it was closed: the money goes straight back, the feature never hears of it. */
    paidAfterClose: { type: Boolean, default: false },
    /** Hook events (`paid`, `refunded:<refundId>`) not yet delivered to the feature. */
    hooksDue: { type: [String], default: [] },
    /** The reconciliation sweeper's lease on this order. */
    leaseUntil: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    paidAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
// The sweeper's scan: orders waiting on the platform, by expiry.
orderSchema.index({ status: 1, expiresAt: 1 });
// A resident's own orders, newest first.
orderSchema.index({ payer: 1, createdAt: -1, _id: -1 });
// The day's statement per merchant scope: orders made, paid or refunded that day.
orderSchema.index({ scope: 1, createdAt: 1 });
orderSchema.index({ scope: 1, paidAt: 1 });
orderSchema.index({ scope: 1, 'refunds.completedAt': 1 });
// One order per feature object: a retried create finds the first one.
orderSchema.index({ 'subject.feature': 1, 'subject.kind': 1, 'subject.id': 1 }, { unique: true });
orderSchema.index({ hooksDue: 1 });

export type OrderStatus = 'created' | 'paying' | 'paid' | 'refunding' | 'refunded' | 'closed';
export interface StoredRefund {
  _id: string;
  amountFen: number;
  reason: string;
  requestedAt: Date;
  completedAt?: Date | null;
}
/** An order as read with `.lean()`. */
export interface PaymentOrder {
  _id: Types.ObjectId;
  payer: string;
  payerWechatOpenId: string | null;
  scope: string;
  subject: { feature: string; kind: string; id: string };
  description: string;
  items: { name: string; amountFen: number }[];
  amountFen: number;
  status: OrderStatus;
  provider: 'dev' | 'wechat' | 'alipay' | null;
  prepayId: string | null;
  providerTradeNo: string | null;
  paidFen: number;
  refundedFen: number;
  pendingRefund: StoredRefund | null;
  refunds: StoredRefund[];
  paidAfterClose: boolean;
  hooksDue: string[];
  leaseUntil: Date | null;
  expiresAt: Date;
  createdAt: Date;
  paidAt: Date | null;
  closedAt: Date | null;
}
export const PaymentOrders = defineModel('PaymentOrder', orderSchema, 'payment_orders');
