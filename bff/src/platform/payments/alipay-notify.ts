import type { z } from 'zod';
import type { alipayNotification } from '@warmcity/shared/api/payments';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { paymentAlert } from './alerts';
import { alipayConfigured, alipaySdk, alipayTradeState } from './alipay';
import { completeRefund, settlePaid } from './orders';

/**
 * Alipay's asynchronous notify. Its RSA2 signature (over every field but `sign` and `sign_type`,
 * sorted) must hold with Alipay's public key and it must be for our app before any field reaches
 * an order. Alipay repeats a notify until it reads `success`, and a replayed old one is the same
 * text: both change nothing, because every transition names the state it leaves.
 */
export async function handleAlipayNotify(deps: Deps, notify: z.output<typeof alipayNotification>): Promise<void> {
  const config = deps.config;
  // Alipay signs the non-empty fields only; the SDK would count an empty one in, so it never sees it.
  const signed = Object.fromEntries(Object.entries(notify).filter(([, value]) => value !== ''));
  // Without Alipay's key nothing can be verified, which is the same answer as a forged signature.
  if (!alipayConfigured(config) || !alipaySdk(config).checkNotifySignV2(signed)) {
    paymentAlert(deps, 'payment-signature-invalid', { provider: 'alipay' }, 'payment notification refused');
    throw problem('PAYMENT_SIGNATURE_INVALID');
  }
  // Signed by Alipay for another app, or for an order not ours: nothing to settle here.
  if (notify.app_id !== config.ALIPAY_APP_ID || !/^[0-9a-f]{24}$/.test(notify.out_trade_no)) {
    throw problem('NOT_FOUND');
  }
  const orderId = notify.out_trade_no;
  // A refund's notify names its request number; the trade itself may still read TRADE_SUCCESS.
  if (notify.out_biz_no && notify.refund_fee) {
    await completeRefund(deps, orderId, notify.out_biz_no);
    return;
  }
  const answer = alipayTradeState(notify);
  if (answer.state === 'paid') await settlePaid(deps, orderId, answer);
  // WAIT_BUYER_PAY and TRADE_CLOSED leave the order to the sweeper, which closes it on expiry.
}
