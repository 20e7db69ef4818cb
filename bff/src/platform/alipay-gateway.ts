import { createSign, createVerify } from 'node:crypto';

/** What every call to Alipay's open gateway shares: the RSA2 request signature, Beijing-time
 * timestamps, and verifying the signature over the answer. */

/** Alipay's "RSA2" request signature: SHA256withRSA over the non-empty parameters sorted by name. */
export function signParams(params: Record<string, string>, privateKey: string): string {
  const content = Object.keys(params)
    .filter((key) => params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

/** Alipay signs the exact text of the inner response object, so it is cut out of the raw body
 * rather than re-serialised (key order and escaping must match byte for byte). */
export function innerObjectText(body: string, key: string): string | null {
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
export const beijingTimestamp = (now: Date) =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

/** The common request parameters of `method`, signed. */
export function gatewayParams(
  config: { appId: string; privateKey: string },
  method: string,
  now: Date,
  extra: Record<string, string>,
): Record<string, string> {
  const params: Record<string, string> = {
    app_id: config.appId,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: beijingTimestamp(now),
    version: '1.0',
    ...extra,
  };
  params.sign = signParams(params, config.privateKey);
  return params;
}

/** The verified text of the answer's inner object (`<method>_response` or `error_response`). */
export function verifiedAnswer(
  body: string,
  responseKey: string,
  alipayPublicKey: string,
): { key: string; text: string } | null {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const key = responseKey in parsed ? responseKey : 'error_response';
  const text = innerObjectText(body, key);
  const sign = typeof parsed.sign === 'string' ? parsed.sign : undefined;
  const ok =
    text !== null &&
    sign !== undefined &&
    createVerify('RSA-SHA256').update(text, 'utf8').verify(alipayPublicKey, sign, 'base64');
  return ok ? { key, text } : null;
}
