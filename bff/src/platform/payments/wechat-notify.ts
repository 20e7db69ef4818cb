import type { Context } from 'koa';
import type { z } from 'zod';
import type { wechatNotification } from '@warmcity/shared/api/payments';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { completeRefund, settlePaid } from './orders';
import { transactionState, wechatPayConfigured } from './wechat-pay';
import { decryptResource, verifyNotification } from './wechat-pay-crypto';

// WeChat retries a notification for up to a day, each signed afresh; one signed longer ago than
// this is a replay of a captured one.
const MAX_AGE_S = 300;

/**
 * A payment or refund notification. Nothing of it reaches an order before its signature over the
 * exact bytes received holds and its resource decrypts with our APIv3 key; replaying an old one
 * is refused, and a fresh duplicate changes nothing because every transition names its from-state.
 */
export async function handleWechatNotification(
  deps: Deps,
  ctx: Context,
  envelope: z.output<typeof wechatNotification>,
): Promise<void> {
  const config = deps.config;
  // Without our keys nothing can be verified, which is the same answer as a forged signature.
  if (!wechatPayConfigured(config)) throw problem('PAYMENT_SIGNATURE_INVALID');
  const raw = (ctx.request as { rawBody?: string }).rawBody ?? '';
  const headers = {
    timestamp: ctx.get('Wechatpay-Timestamp'),
    nonce: ctx.get('Wechatpay-Nonce'),
    signature: ctx.get('Wechatpay-Signature'),
  };
  const age = Math.abs(deps.clock.now().getTime() / 1000 - Number(headers.timestamp));
  if (!(age <= MAX_AGE_S) || !verifyNotification(config.WECHAT_PAY_PLATFORM_PUBLIC_KEY, headers, raw)) {
    deps.logger.warn({ alert: 'payment-signature-invalid', provider: 'wechat' }, 'payment notification refused');
    throw problem('PAYMENT_SIGNATURE_INVALID');
  }
  const plain = decryptResource(config.WECHAT_PAY_API_V3_KEY, envelope.resource);
  if (plain === null) throw problem('PAYMENT_SIGNATURE_INVALID');
  const resource = JSON.parse(plain) as Record<string, any>;
  if (resource.mchid !== config.WECHAT_PAY_MCH_ID) throw problem('PAYMENT_SIGNATURE_INVALID');
  const orderId = String(resource.out_trade_no ?? '');
  if (!/^[0-9a-f]{24}$/.test(orderId)) throw problem('NOT_FOUND');

  if (envelope.event_type === 'TRANSACTION.SUCCESS') {
    const answer = transactionState(resource);
    if (answer.state === 'paid') await settlePaid(deps, orderId, answer);
  } else if (envelope.event_type === 'REFUND.SUCCESS') {
    await completeRefund(deps, orderId, String(resource.out_refund_no ?? ''));
  }
  // Other events (REFUND.ABNORMAL, REFUND.CLOSED) leave the refund pending for staff and the sweeper.
}
