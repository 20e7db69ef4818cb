import { z } from 'zod';
import type { Config } from '../../../config';
import { gatewayParams, verifiedAnswer } from '../../../platform/alipay-gateway';
import { callPlatform, codeInvalid, riskyUser, upstreamBusy, type PlatformIdentity } from './exchange';

type AlipayConfig = Pick<Config, 'ALIPAY_GATEWAY' | 'ALIPAY_APP_ID' | 'ALIPAY_APP_PRIVATE_KEY' | 'ALIPAY_PUBLIC_KEY'>;

const tokenResponse = z.object({ user_id: z.string().min(1).optional(), open_id: z.string().min(1).optional() });
const errorResponse = z.object({ code: z.string(), sub_code: z.string().optional() });

export const alipayConfigured = (config: AlipayConfig) =>
  Boolean(config.ALIPAY_APP_ID && config.ALIPAY_APP_PRIVATE_KEY && config.ALIPAY_PUBLIC_KEY);

/** `alipay.system.oauth.token` with `grant_type=authorization_code`. */
export async function exchangeAlipayCode(config: AlipayConfig, code: string, now: Date): Promise<PlatformIdentity> {
  const params = gatewayParams(
    { appId: config.ALIPAY_APP_ID ?? '', privateKey: config.ALIPAY_APP_PRIVATE_KEY ?? '' },
    'alipay.system.oauth.token',
    now,
    { grant_type: 'authorization_code', code },
  );
  const body = await callPlatform(config.ALIPAY_GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });

  const answer = verifiedAnswer(body, 'alipay_system_oauth_token_response', config.ALIPAY_PUBLIC_KEY ?? '');
  if (!answer) throw new Error('alipay.system.oauth.token answer failed signature verification');
  const { key, text } = answer;

  if (key === 'alipay_system_oauth_token_response') {
    const token = tokenResponse.parse(JSON.parse(text));
    const subject = token.open_id ?? token.user_id;
    if (subject) return { subject, unionId: null };
  }
  const failure = errorResponse.safeParse(JSON.parse(text));
  const subCode = failure.success ? (failure.data.sub_code ?? '') : '';
  if (/^isv\.code-(invalid|used|expired)/.test(subCode)) throw codeInvalid();
  if (failure.success && failure.data.code === '20000') throw upstreamBusy();
  if (subCode.includes('risk')) throw riskyUser();
  throw new Error(
    `alipay.system.oauth.token refused the request (${failure.success ? failure.data.code : '?'} ${subCode})`,
  );
}
