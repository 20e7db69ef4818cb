import type { Context } from 'koa';
import { z } from 'zod';
import type { wechatNotification } from '@warmcity/shared/api/payments';
import type { Deps } from '../deps';
import { problem } from '../problem';
import { completeRefund, settlePaid } from './orders';
import { paymentAlert } from './alerts';
import { platformSignatureOf, platformSigned, transactionState, wechatPayConfigured } from './wechat-pay';
import { decryptResource } from './wechat-pay-crypto';

const resourceIds = z.object({
  mchid: z.string(),
  out_trade_no: z.string().regex(/^[0-9a-f]{24}$/),
  out_refund_no: z.string().max(64).optional(),
});

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
  // WeChat retries a notification for up to a day, each signed afresh: a stale one is a replay.
  const headers = platformSignatureOf((name) => ctx.get(name));
  const signed = platformSigned(config, deps.clock.now(), headers, raw);
  if (signed === 'probe') {
    deps.logger.debug('WeChat Pay signature probe refused');
    throw problem('PAYMENT_SIGNATURE_INVALID');
  }
  if (signed !== 'ok') {
    paymentAlert(
      deps,
      'payment-signature-invalid',
      {
        provider: 'wechat',
        reason: signed,
        // A serial we hold no key for is WeChat switching keys: add it to WECHAT_PAY_PLATFORM_OTHER_KEYS.
        ...(signed === 'unknown-serial' ? { serial: headers.serial.slice(0, 64) } : {}),
      },
      'payment notification refused',
    );
    throw problem('PAYMENT_SIGNATURE_INVALID');
  }
  const plain = decryptResource(config.WECHAT_PAY_API_V3_KEY, envelope.resource);
  if (plain === null) throw problem('PAYMENT_SIGNATURE_INVALID');
  let decrypted: unknown;
  try {
    decrypted = JSON.parse(plain);
  } catch {
    throw problem('PAYMENT_SIGNATURE_INVALID');
  }
  const parsed = resourceIds.safeParse(decrypted);
  // Signed by WeChat for another merchant, or for an order not ours: nothing to settle here.
  if (!parsed.success || parsed.data.mchid !== config.WECHAT_PAY_MCH_ID) throw problem('NOT_FOUND');
  const resource = parsed.data;
  const orderId = resource.out_trade_no;

  if (envelope.event_type === 'TRANSACTION.SUCCESS') {
    const answer = transactionState(decrypted);
    if (answer.state === 'paid') await settlePaid(deps, orderId, answer);
  } else if (envelope.event_type === 'REFUND.SUCCESS') {
    if (resource.out_refund_no) await completeRefund(deps, orderId, resource.out_refund_no);
  }
  // Other events (REFUND.ABNORMAL, REFUND.CLOSED) leave the refund pending for staff and the sweeper.
}
