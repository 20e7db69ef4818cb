import type { PaymentProvider } from '@warmcity/shared/api/payments';
import type { Config } from '../../config';
import type { Deps } from '../deps';
import { problem } from '../problem';
import type { PaymentOrder } from './order.model';
import { alipayConfigured, alipayGateway } from './alipay';
import { wechatPayGateway, wechatPayConfigured } from './wechat-pay';

/** What the platform says of an order when asked (reconciliation, late callbacks). */
export type PlatformAnswer =
  | { readonly state: 'paid'; readonly amountFen: number; readonly tradeNo: string }
  | { readonly state: 'unpaid' }
  | { readonly state: 'closed' };

export interface PendingRefund {
  readonly _id: string;
  readonly amountFen: number;
  readonly reason: string;
}

/** One payment platform as the orders need it; every call may throw on a timeout or a 5xx,
 * which leaves the order where it was for the sweeper to retry. */
export interface PaymentGateway {
  /** Client parameters for the mini-program's payment sheet, and the prepay id to keep; the
   * payer's address is their openid / Alipay user on the platform they signed in with. */
  prepare(
    order: PaymentOrder,
    payer: { readonly address: string | null },
  ): Promise<{ prepayId: string | null; params?: unknown }>;
  query(order: PaymentOrder): Promise<PlatformAnswer>;
  /** Same refund id, same refund: the platforms treat a retried refund request as one. */
  refund(order: PaymentOrder, refund: PendingRefund): Promise<'succeeded' | 'pending'>;
  /** `paid` when the platform refuses because the money arrived meanwhile (the next query settles it). */
  close(order: PaymentOrder): Promise<'closed' | 'paid'>;
}

/** The dev provider pays from the dev payment page and trusts it, so production never offers it. */
export const devPaymentsEnabled = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV !== 'production';

const devGateway: PaymentGateway = {
  prepare: () => Promise.resolve({ prepayId: null }),
  // The dev page is the only way a dev order gets paid, and it settles the order itself.
  query: () => Promise.resolve({ state: 'unpaid' }),
  refund: () => Promise.resolve('succeeded'),
  close: () => Promise.resolve('closed'),
};

export function gatewayFor(deps: Pick<Deps, 'config' | 'clock' | 'logger'>, provider: PaymentProvider): PaymentGateway {
  const config = deps.config;
  if (provider === 'dev' && devPaymentsEnabled(config)) return devGateway;
  if (provider === 'wechat' && wechatPayConfigured(config)) return wechatPayGateway(config, deps);
  if (provider === 'alipay' && alipayConfigured(config)) return alipayGateway(config);
  throw problem('PAYMENT_PROVIDER_UNAVAILABLE');
}
