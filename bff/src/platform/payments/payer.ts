import type { PaymentProvider } from '@warmcity/shared/api/payments';
import type { Deps } from '../deps';
import { Recipients } from '../notifications/recipient.model';

/**
 * How a payer pays: through the platform they signed in with, as their openid / Alipay user
 * there. Sign-in records exactly that for every account (`rememberRecipient`, kept for pushes),
 * and an account belongs to one platform, so the client never chooses. The dev sign-in records
 * no platform, which is the dev payment page (refused in production).
 */
export async function payerPlatform(
  deps: Pick<Deps, 'connection'>,
  payer: string,
): Promise<{ provider: PaymentProvider; address: string | null }> {
  const recipient = await Recipients(deps.connection).findById(payer, { platform: 1, address: 1 }).lean();
  if (!recipient?.platform) return { provider: 'dev', address: null };
  return { provider: recipient.platform, address: recipient.address };
}
