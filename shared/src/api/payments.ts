import { z } from 'zod';
import { idParams, isoDateTime, objectId } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';

/** 支付: orders a feature creates and the resident pays after the service, through WeChat Pay,
 * Alipay or (development only) the dev payment page. No stored balance: a refund goes back to
 * the original payment method. */

/** Money is integer fen everywhere; a fraction of a fen is a bug, refused at the edge. */
export const amountFen = z.int().nonnegative().max(100_000_000);

export const paymentProvider = z.enum(['dev', 'wechat', 'alipay']);
export type PaymentProvider = z.infer<typeof paymentProvider>;

export const orderStatus = z.enum(['created', 'paying', 'paid', 'refunding', 'refunded', 'closed']);
export type OrderStatus = z.infer<typeof orderStatus>;

export const orderView = z.strictObject({
  id: objectId,
  status: orderStatus,
  description: z.string(),
  items: z.array(z.strictObject({ name: z.string(), amountFen })),
  amountFen,
  paidFen: amountFen,
  refundedFen: amountFen,
  provider: paymentProvider.nullable(),
  expiresAt: isoDateTime,
  paidAt: isoDateTime.nullable(),
});
export type OrderView = z.infer<typeof orderView>;

/** What `Taro.requestPayment` takes on WeChat (JSAPI), signed by the BFF. */
export const wechatPayParams = z.strictObject({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});

export const paymentStart = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.literal('dev'), order: orderView }),
  z.strictObject({ provider: z.literal('wechat'), order: orderView, params: wechatPayParams }),
  /** `my.tradePay({ tradeNO })` on Alipay. */
  z.strictObject({ provider: z.literal('alipay'), order: orderView, tradeNo: z.string() }),
]);

/** WeChat Pay v3 notification envelope; the resource stays encrypted until the signature holds. */
export const wechatNotification = z.strictObject({
  id: z.string().max(64),
  create_time: z.string().max(40),
  resource_type: z.string().max(40),
  event_type: z.string().max(40),
  summary: z.string().max(200),
  resource: z.strictObject({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().max(16_000),
    associated_data: z.string().max(200).optional(),
    original_type: z.string().max(40),
    nonce: z.string().max(32),
  }),
});

const alipayField = (max: number) => z.string().max(max).optional();

/**
 * Alipay's asynchronous notify (form fields, all text). Strict like every edge: a field Alipay
 * adds later is refused (it retries, and reconciliation settles the order from its query
 * meanwhile) until it is listed here.
 */
export const alipayNotification = z.strictObject({
  notify_time: z.string().max(32),
  notify_type: z.string().max(64),
  notify_id: z.string().max(128),
  app_id: z.string().max(32),
  charset: alipayField(16),
  version: alipayField(8),
  sign_type: z.string().max(8),
  sign: z.string().max(1024),
  trade_no: z.string().max(64),
  out_trade_no: z.string().max(64),
  out_biz_no: alipayField(64),
  buyer_id: alipayField(32),
  buyer_open_id: alipayField(128),
  buyer_logon_id: alipayField(100),
  seller_id: alipayField(32),
  seller_email: alipayField(100),
  trade_status: alipayField(32),
  total_amount: alipayField(16),
  receipt_amount: alipayField(16),
  invoice_amount: alipayField(16),
  buyer_pay_amount: alipayField(16),
  point_amount: alipayField(16),
  refund_fee: alipayField(16),
  send_back_fee: alipayField(16),
  subject: alipayField(256),
  body: alipayField(400),
  gmt_create: alipayField(32),
  gmt_payment: alipayField(32),
  gmt_refund: alipayField(32),
  gmt_close: alipayField(32),
  fund_bill_list: alipayField(1024),
  voucher_detail_list: alipayField(2048),
  passback_params: alipayField(512),
  auth_app_id: alipayField(32),
  merchant_app_id: alipayField(32),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const statementView = z.strictObject({
  scope: z.string(),
  date: day,
  orders: z.array(
    z.strictObject({
      id: objectId,
      status: orderStatus,
      description: z.string(),
      amountFen,
      paidFen: amountFen,
      refundedFen: amountFen,
    }),
  ),
  paidFen: amountFen,
  refundedFen: amountFen,
  netFen: z.int(),
});

export const paymentsApi = {
  listMyOrders: defineOperation({
    id: 'payments.listMyOrders',
    method: 'GET',
    path: '/api/payments/orders',
    summary: 'My 20 most recent payment orders, newest first, so I can find one to pay',
    access: 'resident',
    response: z.strictObject({ items: z.array(orderView) }),
  }),
  getOrder: defineOperation({
    id: 'payments.getOrder',
    method: 'GET',
    path: '/api/payments/orders/:id',
    summary: 'One of my payment orders, itemised',
    access: 'resident',
    params: idParams,
    response: orderView,
  }),
  startPayment: defineOperation({
    id: 'payments.startPayment',
    method: 'POST',
    path: '/api/payments/orders/:id/payment',
    summary:
      'Starts paying my order through the platform I signed in with: WeChat answers the signed requestPayment parameters, Alipay the trade number for my.tradePay',
    access: 'resident',
    params: idParams,
    response: paymentStart,
    problems: ['ORDER_NOT_PAYABLE', 'PAYMENT_PROVIDER_UNAVAILABLE', 'PAYMENT_PROVIDER_FAILED'],
  }),
  confirmDevPayment: defineOperation({
    id: 'payments.confirmDevPayment',
    method: 'POST',
    path: '/api/payments/orders/:id/dev-payment',
    summary: 'DEVELOPMENT ONLY: the dev payment page pays my order (refused in production)',
    access: 'resident',
    params: idParams,
    response: orderView,
    problems: ['ORDER_NOT_PAYABLE', 'PAYMENT_PROVIDER_UNAVAILABLE'],
  }),
  wechatNotify: defineOperation({
    id: 'payments.wechatNotify',
    method: 'POST',
    path: '/api/payments/notify/wechat',
    summary: 'WeChat Pay payment and refund notifications (signature-verified, unauthenticated)',
    access: 'public',
    body: wechatNotification,
    status: 204,
    response: z.undefined(),
    problems: ['PAYMENT_SIGNATURE_INVALID', 'PAYMENT_AMOUNT_MISMATCH', 'PAYMENT_PROVIDER_UNAVAILABLE'],
  }),
  alipayNotify: defineOperation({
    id: 'payments.alipayNotify',
    method: 'POST',
    path: '/api/payments/notify/alipay',
    summary: "Alipay's asynchronous payment and refund notify (form-encoded, RSA2-verified, unauthenticated)",
    access: 'public',
    consumes: 'application/x-www-form-urlencoded',
    body: alipayNotification,
    // Alipay retries until it reads exactly this word.
    produces: 'text/plain',
    response: z.literal('success'),
    problems: ['PAYMENT_SIGNATURE_INVALID', 'PAYMENT_AMOUNT_MISMATCH'],
  }),
  statement: defineOperation({
    id: 'payments.statement',
    method: 'GET',
    path: '/api/payments/statements/:scope',
    summary:
      "A merchant scope's day (Asia/Shanghai) as its takings moved: the orders made, paid or refunded that day, and what was paid, refunded and net that day",
    access: 'staff',
    params: z.strictObject({ scope: z.string().regex(/^[A-Za-z0-9:_-]{1,100}$/) }),
    query: z.strictObject({ date: day }),
    response: statementView,
  }),
} as const;

export const paymentsProblems = defineProblems({
  ORDER_NOT_PAYABLE: { status: 409, title: 'The order cannot be paid now', zh: '订单已支付、已关闭或已过期' },
  REFUND_EXCEEDS_PAID: { status: 400, title: 'Refund larger than what was paid', zh: '退款金额超过已支付金额' },
  REFUND_IN_PROGRESS: { status: 409, title: 'Another refund of this order is in progress', zh: '退款处理中，请稍后' },
  PAYMENT_SIGNATURE_INVALID: { status: 401, title: 'Payment notification signature invalid', zh: '支付通知验签失败' },
  PAYMENT_AMOUNT_MISMATCH: { status: 400, title: 'Paid amount differs from the order', zh: '支付金额与订单不符' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 400, title: 'Payment provider not offered', zh: '暂不支持该支付方式' },
  PAYMENT_PROVIDER_FAILED: { status: 502, title: 'Payment provider failed', zh: '支付平台繁忙，请稍后再试' },
});
