import { AlipaySdk } from 'alipay-sdk';
import type { Config } from '../../config';
import { problem } from '../problem';
import { fenOfYuan, yuanText } from './alipay-amount';
import type { PaymentGateway, PlatformAnswer } from './gateways';
import type { PaymentOrder } from './order.model';

// A slow platform must not hold a resident's request; the sweeper asks again later.
const TIMEOUT_MS = 5000;

type AlipayPayConfig = Config & {
  ALIPAY_APP_ID: string;
  ALIPAY_APP_PRIVATE_KEY: string;
  ALIPAY_PUBLIC_KEY: string;
  ALIPAY_PAY_NOTIFY_URL: string;
};

/** Configured as a whole or not at all (config.ts refuses a notify URL without the app's keys). */
export const alipayConfigured = (config: Config): config is AlipayPayConfig =>
  Boolean(config.ALIPAY_PAY_NOTIFY_URL && config.ALIPAY_APP_ID);

// The SDK rebuilds the PEM from its lines, so it must be told which kind of private key it holds.
const keyType = (pem: string) => (pem.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8');

const sdks = new WeakMap<Config, AlipaySdk>();
/** The official SDK signs every request with the app key (RSA2) and, with `validateSign`,
 * verifies each answer against Alipay's public key before we read it. */
export function alipaySdk(config: AlipayPayConfig): AlipaySdk {
  let sdk = sdks.get(config);
  if (!sdk) {
    sdk = new AlipaySdk({
      appId: config.ALIPAY_APP_ID,
      privateKey: config.ALIPAY_APP_PRIVATE_KEY.trim(),
      keyType: keyType(config.ALIPAY_APP_PRIVATE_KEY),
      alipayPublicKey: config.ALIPAY_PUBLIC_KEY.trim(),
      gateway: config.ALIPAY_GATEWAY,
      timeout: TIMEOUT_MS,
      camelcase: false,
    });
    sdks.set(config, sdk);
  }
  return sdk;
}

// Alipay's clock is Beijing time.
const beijingTime = (date: Date) =>
  new Date(date.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

// Alipay's user ids are 2088 and twelve digits; newer apps see the buyer as an open_id instead.
const buyer = (address: string) => (/^2088\d{12}$/.test(address) ? { buyer_id: address } : { buyer_open_id: address });

type Answer = Record<string, unknown> & { code?: string; sub_code?: string; trade_status?: unknown };

/** A trade (query answer or verified notify) as our states see it. */
export function alipayTradeState(trade: {
  trade_status?: unknown;
  trade_no?: unknown;
  total_amount?: unknown;
}): PlatformAnswer {
  switch (trade.trade_status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED': {
      const fen = fenOfYuan(typeof trade.total_amount === 'string' ? trade.total_amount : undefined);
      if (fen === null || typeof trade.trade_no !== 'string') throw problem('PAYMENT_PROVIDER_FAILED');
      return { state: 'paid', amountFen: fen, tradeNo: trade.trade_no };
    }
    case 'TRADE_CLOSED':
      return { state: 'closed' };
    default:
      return { state: 'unpaid' };
  }
}

export function alipayGateway(config: AlipayPayConfig): PaymentGateway {
  const sdk = alipaySdk(config);
  async function call(method: string, bizContent: Record<string, unknown>, notify = false): Promise<Answer> {
    try {
      return (await sdk.exec(
        method,
        { bizContent, ...(notify ? { notify_url: config.ALIPAY_PAY_NOTIFY_URL } : {}) },
        { validateSign: true },
      )) as unknown as Answer;
    } catch {
      // Timeouts, 5xx and answers whose signature does not hold alike: nothing is known, try later.
      throw problem('PAYMENT_PROVIDER_FAILED');
    }
  }
  const outTradeNo = (order: PaymentOrder) => order._id.toHexString();

  return {
    async prepare(order, payer) {
      if (!payer.address) throw problem('PAYMENT_PROVIDER_UNAVAILABLE', 'No Alipay user for this payer.');
      const answer = await call(
        'alipay.trade.create',
        {
          out_trade_no: outTradeNo(order),
          total_amount: yuanText(order.amountFen),
          subject: order.description.slice(0, 256),
          product_code: 'JSAPI_PAY',
          time_expire: beijingTime(order.expiresAt),
          ...buyer(payer.address),
        },
        true,
      );
      if (answer.code !== '10000' || typeof answer.trade_no !== 'string') throw problem('PAYMENT_PROVIDER_FAILED');
      return { prepayId: answer.trade_no, params: { tradeNo: answer.trade_no } };
    },
    async query(order) {
      const answer = await call('alipay.trade.query', { out_trade_no: outTradeNo(order) });
      // A trade the buyer never opened the cashier for does not exist at Alipay yet.
      if (answer.sub_code === 'ACQ.TRADE_NOT_EXIST') return { state: 'unpaid' };
      // A signed answer about another trade must not settle this order.
      if (answer.code !== '10000' || answer.out_trade_no !== outTradeNo(order))
        throw problem('PAYMENT_PROVIDER_FAILED');
      return alipayTradeState(answer);
    },
    async refund(order, refund) {
      const answer = await call('alipay.trade.refund', {
        out_trade_no: outTradeNo(order),
        refund_amount: yuanText(refund.amountFen),
        refund_reason: refund.reason.slice(0, 256),
        // The same request number is the same refund, however often it is sent.
        out_request_no: refund._id,
      });
      if (answer.code !== '10000' || answer.out_trade_no !== outTradeNo(order))
        throw problem('PAYMENT_PROVIDER_FAILED');
      return 'succeeded';
    },
    async close(order) {
      const answer = await call('alipay.trade.close', { out_trade_no: outTradeNo(order) });
      if (answer.code === '10000' || answer.sub_code === 'ACQ.TRADE_NOT_EXIST') return 'closed';
      // Closing a paid trade is refused with a status error; the next query settles it.
      if (answer.sub_code === 'ACQ.TRADE_STATUS_ERROR') return 'paid';
      throw problem('PAYMENT_PROVIDER_FAILED');
    },
  };
}
