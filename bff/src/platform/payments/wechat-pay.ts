import { z } from 'zod';
import type { Config } from '../../config';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { paymentAlert } from './alerts';
import type { PaymentGateway, PlatformAnswer } from './gateways';
import type { PaymentOrder } from './order.model';
import { authorization, requestPaymentParams, verifyNotification } from './wechat-pay-crypto';

// A slow platform must not hold a resident's request; the sweeper asks again later.
const TIMEOUT_MS = 5000;
// WeChat Pay signs every notification and answer afresh; one signed longer ago than this is a
// replay of a captured one.
const MAX_AGE_S = 300;

export type WechatPayConfig = Config & {
  WECHAT_APP_ID: string;
  WECHAT_PAY_MCH_ID: string;
  WECHAT_PAY_MCH_SERIAL_NO: string;
  WECHAT_PAY_PRIVATE_KEY: string;
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: string;
  WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: string;
  WECHAT_PAY_API_V3_KEY: string;
  WECHAT_PAY_NOTIFY_URL: string;
};

/** Configured as a whole or not at all (config.ts refuses half a set). */
export const wechatPayConfigured = (config: Config): config is WechatPayConfig =>
  Boolean(config.WECHAT_PAY_MCH_ID && config.WECHAT_APP_ID);

/** The headers WeChat Pay signs a notification or an answer with. */
export interface PlatformSignature {
  readonly serial: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly signature: string;
}

export const platformSignatureOf = (get: (name: string) => string | null | undefined): PlatformSignature => ({
  serial: get('Wechatpay-Serial') ?? '',
  timestamp: get('Wechatpay-Timestamp') ?? '',
  nonce: get('Wechatpay-Nonce') ?? '',
  signature: get('Wechatpay-Signature') ?? '',
});

/**
 * Whether WeChat Pay sent these exact bytes: signed, within five minutes of now, by the platform
 * key we hold under the serial it names (while WeChat switches keys it signs with either).
 */
export function platformSigned(
  config: WechatPayConfig,
  now: Date,
  headers: PlatformSignature,
  body: string,
): 'ok' | 'probe' | 'stale' | 'unknown-serial' | 'invalid' {
  // WeChat now and then signs with a deliberately wrong `WECHATPAY/SIGNTEST/…` to see that
  // merchants verify: refused like any bad signature, but not something to page anyone about.
  if (headers.signature.startsWith('WECHATPAY/SIGNTEST/')) return 'probe';
  if (!(Math.abs(now.getTime() / 1000 - Number(headers.timestamp)) <= MAX_AGE_S)) return 'stale';
  // Serials are hex or PUB_KEY_ID_ digits; one typed in lower case is still the same key.
  const serial = headers.serial.toUpperCase();
  const key =
    serial === config.WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID.toUpperCase()
      ? config.WECHAT_PAY_PLATFORM_PUBLIC_KEY
      : config.WECHAT_PAY_PLATFORM_OTHER_KEYS.find((other) => other.id.toUpperCase() === serial)?.pem;
  if (!key) return 'unknown-serial';
  return verifyNotification(key, headers, body) ? 'ok' : 'invalid';
}

const outTradeNo = (order: PaymentOrder) => order._id.toHexString();

export function wechatPayGateway(config: WechatPayConfig, deps: Pick<Deps, 'clock' | 'logger'>): PaymentGateway {
  const merchant = {
    mchId: config.WECHAT_PAY_MCH_ID,
    serialNo: config.WECHAT_PAY_MCH_SERIAL_NO,
    privateKey: config.WECHAT_PAY_PRIVATE_KEY,
  };
  async function call(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let response: Response;
    try {
      response = await fetch(new URL(path, config.WECHAT_PAY_API_BASE), {
        method,
        headers: {
          authorization: authorization(merchant, method, path, body),
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload === undefined ? undefined : body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw problem('PAYMENT_PROVIDER_FAILED');
    }
    const text = await response.text();
    if (response.status >= 500) throw problem('PAYMENT_PROVIDER_FAILED');
    // An answer that moves an order (paid, refunded, closed) is believed only once its signature
    // holds, like a notification's: a proxy or a forged TLS endpoint could otherwise settle it.
    // Refusals (4xx) only ever leave an order waiting for the next round.
    if (response.status < 300) {
      const signed = platformSigned(
        config,
        deps.clock.now(),
        platformSignatureOf((n) => response.headers.get(n)),
        text,
      );
      if (signed === 'probe') {
        deps.logger.debug({ path: path.split('?')[0] }, 'WeChat Pay signature probe refused');
        throw problem('PAYMENT_PROVIDER_FAILED');
      }
      if (signed !== 'ok') {
        paymentAlert(
          deps,
          'payment-answer-signature-invalid',
          { provider: 'wechat', path: path.split('?')[0], reason: signed },
          'WeChat Pay answer not signed by the platform; ignored',
        );
        throw problem('PAYMENT_PROVIDER_FAILED');
      }
    }
    try {
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      throw problem('PAYMENT_PROVIDER_FAILED');
    }
  }

  return {
    async prepare(order, payer) {
      const openid = order.payerWechatOpenId ?? payer.address;
      if (!openid) throw problem('PAYMENT_PROVIDER_UNAVAILABLE', 'No WeChat openid for this payer.');
      const answer = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: config.WECHAT_APP_ID,
        mchid: config.WECHAT_PAY_MCH_ID,
        description: order.description.slice(0, 127),
        out_trade_no: outTradeNo(order),
        time_expire: order.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        notify_url: config.WECHAT_PAY_NOTIFY_URL,
        amount: { total: order.amountFen, currency: 'CNY' },
        payer: { openid },
      });
      const prepay = z.object({ prepay_id: z.string().min(1).max(64) }).safeParse(answer.body);
      if (answer.status !== 200 || !prepay.success) throw problem('PAYMENT_PROVIDER_FAILED');
      const prepayId = prepay.data.prepay_id;
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000).toString();
      return { prepayId, params: requestPaymentParams(config.WECHAT_APP_ID, merchant.privateKey, prepayId, timestamp) };
    },
    async query(order): Promise<PlatformAnswer> {
      const answer = await call(
        'GET',
        `/v3/pay/transactions/out-trade-no/${outTradeNo(order)}?mchid=${encodeURIComponent(config.WECHAT_PAY_MCH_ID)}`,
      );
      if (answer.status === 404) return { state: 'unpaid' };
      if (answer.status !== 200) throw problem('PAYMENT_PROVIDER_FAILED');
      // A signed answer about another order (or merchant) must not settle this one.
      if (!answerFor(answer.body, { out_trade_no: outTradeNo(order), mchid: config.WECHAT_PAY_MCH_ID })) {
        throw problem('PAYMENT_PROVIDER_FAILED');
      }
      return transactionState(answer.body);
    },
    async refund(order, refund) {
      const answer = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: outTradeNo(order),
        out_refund_no: refund._id,
        reason: refund.reason.slice(0, 80),
        notify_url: config.WECHAT_PAY_NOTIFY_URL,
        amount: { refund: refund.amountFen, total: order.paidFen, currency: 'CNY' },
      });
      if (answer.status !== 200 || !answerFor(answer.body, { out_refund_no: refund._id })) {
        throw problem('PAYMENT_PROVIDER_FAILED');
      }
      return z.object({ status: z.literal('SUCCESS') }).safeParse(answer.body).success ? 'succeeded' : 'pending';
    },
    async close(order) {
      const answer = await call('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo(order)}/close`, {
        mchid: config.WECHAT_PAY_MCH_ID,
      });
      // 400 ORDER_CLOSED: an earlier close of ours went through though its answer never came back.
      // Any other 400 (ORDER_PAID) keeps the order open for the query to settle; 404 means
      // WeChat never saw the order, so there is nothing to close.
      if (answer.status === 400) return errorCode(answer.body) === 'ORDER_CLOSED' ? 'closed' : 'paid';
      if (answer.status >= 300 && answer.status !== 404) throw problem('PAYMENT_PROVIDER_FAILED');
      return 'closed';
    },
  };
}

/** The `code` of an APIv3 error answer. */
const errorCode = (body: unknown) => z.object({ code: z.string() }).safeParse(body).data?.code;

/** Whether a (signed) answer names these ids. */
const answerFor = (body: unknown, ids: Record<string, string>) =>
  typeof body === 'object' &&
  body !== null &&
  Object.entries(ids).every(([k, v]) => (body as Record<string, unknown>)[k] === v);

// WeChat adds fields over time; only the ones read here are checked.
const transaction = z.object({
  trade_state: z.string(),
  transaction_id: z.string().optional(),
  amount: z.object({ total: z.int().nonnegative() }).optional(),
});

/** A transaction (query answer or decrypted notification) as our states see it. */
export function transactionState(answer: unknown): PlatformAnswer {
  const parsed = transaction.safeParse(answer);
  if (!parsed.success) throw problem('PAYMENT_PROVIDER_FAILED');
  const { trade_state: state, transaction_id: tradeNo, amount } = parsed.data;
  switch (state) {
    case 'SUCCESS':
    case 'REFUND':
      if (!tradeNo || !amount) throw problem('PAYMENT_PROVIDER_FAILED');
      return { state: 'paid', amountFen: amount.total, tradeNo };
    case 'CLOSED':
    case 'REVOKED':
    case 'PAYERROR':
      return { state: 'closed' };
    default:
      return { state: 'unpaid' };
  }
}
