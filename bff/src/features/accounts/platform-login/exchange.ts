import { problem } from '../../../platform/problem';

/** Who the platform says signed in. The WeChat `session_key` and Alipay access token are
 * deliberately absent: nothing here decrypts platform user data, so they are dropped where they
 * arrive instead of being stored. */
export interface PlatformIdentity {
  readonly subject: string;
  readonly unionId: string | null;
}

const UPSTREAM_TIMEOUT_MS = 5_000;

/** A platform call that answers within the timeout or becomes "busy", never a hung sign-in. */
export async function callPlatform(url: string, init: RequestInit = {}): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  } catch {
    throw problem('SIGN_IN_UPSTREAM_BUSY', 'The login platform did not answer.', { headers: { 'Retry-After': '5' } });
  }
  if (!response.ok) {
    throw problem('SIGN_IN_UPSTREAM_BUSY', `The login platform answered ${response.status}.`, {
      headers: { 'Retry-After': '5' },
    });
  }
  return response.text();
}

export const upstreamBusy = () =>
  problem('SIGN_IN_UPSTREAM_BUSY', 'The login platform is rate-limiting or busy.', {
    headers: { 'Retry-After': '60' },
  });
export const codeInvalid = () => problem('SIGN_IN_CODE_INVALID');
export const riskyUser = () => problem('SIGN_IN_RISKY_USER');
