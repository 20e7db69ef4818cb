import { createSign, createVerify } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../../config';
import { callPlatform, codeInvalid, riskyUser, upstreamBusy, type PlatformIdentity } from './exchange';

type AlipayConfig = Pick<Config, 'ALIPAY_GATEWAY' | 'ALIPAY_APP_ID' | 'ALIPAY_APP_PRIVATE_KEY' | 'ALIPAY_PUBLIC_KEY'>;

const tokenResponse = z.object({ user_id: z.string().min(1).optional(), open_id: z.string().min(1).optional() });
const errorResponse = z.object({ code: z.string(), sub_code: z.string().optional() });

export const alipayConfigured = (config: AlipayConfig) =>
  Boolean(config.ALIPAY_APP_ID && config.ALIPAY_APP_PRIVATE_KEY && config.ALIPAY_PUBLIC_KEY);

/** Alipay's "RSA2" request signature: SHA256withRSA over the non-empty parameters sorted by name. */
function signParams(params: Record<string, string>, privateKey: string): string {
  const content = Object.keys(params)
    .filter((key) => params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

/** Alipay signs the exact text of the inner response object, so it is cut out of the raw body
 * rather than re-serialised (key order and escaping must match byte for byte). */
function innerObjectText(body: string, key: string): string | null {
  const start = body.indexOf(`"${key}"`);
  if (start < 0) return null;
  const open = body.indexOf('{', start);
  let depth = 0;
  let inString = false;
  for (let i = open; i >= 0 && i < body.length; i += 1) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth += 1;
    else if (c === '}' && (depth -= 1) === 0) return body.slice(open, i + 1);
  }
  return null;
}

// Alipay's own clock is Beijing time; it rejects timestamps far from it.
const beijingTimestamp = (now: Date) =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

/** `alipay.system.oauth.token` with `grant_type=authorization_code`. */
export async function exchangeAlipayCode(config: AlipayConfig, code: string, now: Date): Promise<PlatformIdentity> {
  const params: Record<string, string> = {
    app_id: config.ALIPAY_APP_ID ?? '',
    method: 'alipay.system.oauth.token',
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: beijingTimestamp(now),
    version: '1.0',
    grant_type: 'authorization_code',
    code,
  };
  params.sign = signParams(params, config.ALIPAY_APP_PRIVATE_KEY ?? '');
  const body = await callPlatform(config.ALIPAY_GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });

  const parsed = z.object({ sign: z.string().optional() }).passthrough().parse(JSON.parse(body));
  const key = 'alipay_system_oauth_token_response' in parsed ? 'alipay_system_oauth_token_response' : 'error_response';
  const text = innerObjectText(body, key);
  const verified =
    text !== null &&
    parsed.sign !== undefined &&
    createVerify('RSA-SHA256')
      .update(text, 'utf8')
      .verify(config.ALIPAY_PUBLIC_KEY ?? '', parsed.sign, 'base64');
  if (!verified) throw new Error('alipay.system.oauth.token answer failed signature verification');

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
