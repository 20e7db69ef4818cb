import type { Config } from '../../config';
import type { Clock } from '../deps';
import { post, type PushMessage, type PushSender, type SendOutcome } from './outcome';

type WechatConfig = Pick<Config, 'WECHAT_API_BASE' | 'WECHAT_APP_ID' | 'WECHAT_APP_SECRET'>;

// Renew this long before WeChat's stated expiry, so no send goes out with a token about to die.
const RENEW_BEFORE_MS = 5 * 60_000;
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
// Template id or field values WeChat will never accept as configured: an operator's fix, not a retry.
const TEMPLATE_ERRORS = new Set([40037, 47003]);

export class WechatTokenError extends Error {
  override name = 'WechatTokenError';
}

/**
 * `subscribeMessage.send` with an access token from `stable_token`. The token is cached per
 * instance until shortly before it expires, and one refresh at a time is shared by every send
 * waiting for it (single flight), so a burst of sends costs one token call.
 */
export function createWechatSender(
  config: WechatConfig,
  clock: Clock,
  { timeoutMs = 5_000 }: { timeoutMs?: number } = {},
): PushSender & { tokenRefreshes(): number } {
  let cached: { token: string; renewAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  let refreshes = 0;

  async function fetchToken(): Promise<string> {
    refreshes += 1;
    const answer = await post(
      new URL('/cgi-bin/stable_token', config.WECHAT_API_BASE).toString(),
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: config.WECHAT_APP_ID,
          secret: config.WECHAT_APP_SECRET,
          force_refresh: false,
        }),
      },
      timeoutMs,
    );
    if (!answer.ok) throw new WechatTokenError(answer.outcome.result === 'retry' ? answer.outcome.reason : 'refused');
    const parsed = JSON.parse(answer.text) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!parsed.access_token || !parsed.expires_in)
      throw new WechatTokenError(`stable_token errcode ${parsed.errcode}`);
    cached = {
      token: parsed.access_token,
      renewAt: clock.now().getTime() + parsed.expires_in * 1000 - RENEW_BEFORE_MS,
    };
    return parsed.access_token;
  }

  function token(): Promise<string> {
    if (cached && clock.now().getTime() < cached.renewAt) return Promise.resolve(cached.token);
    inflight ??= fetchToken().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function attempt(message: PushMessage, accessToken: string): Promise<SendOutcome | 'token'> {
    const url = new URL('/cgi-bin/message/subscribe/send', config.WECHAT_API_BASE);
    url.searchParams.set('access_token', accessToken);
    const answer = await post(
      url.toString(),
      {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.to,
          template_id: message.templateId,
          ...(message.page ? { page: message.page } : {}),
          data: message.data,
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        }),
      },
      timeoutMs,
    );
    if (!answer.ok) return answer.outcome;
    const { errcode = 0 } = JSON.parse(answer.text) as { errcode?: number };
    if (errcode === 0) return { result: 'sent' };
    if (errcode === 43101) return { result: 'refused', reason: 'wechat 43101 (refused or no quota)' };
    if (TEMPLATE_ERRORS.has(errcode)) return { result: 'refused', reason: `wechat ${errcode} (template)` };
    if (TOKEN_ERRORS.has(errcode)) {
      // Only drop the token we used: another send may already have fetched its successor.
      if (cached?.token === accessToken) cached = null;
      return 'token';
    }
    if (errcode === 45009) return { result: 'retry', reason: 'wechat 45009 (rate limit)' };
    return { result: 'retry', reason: `wechat ${errcode}` };
  }

  return {
    async send(message) {
      // A token that expired early (40001/42001) is renewed and the send tried once more at once.
      for (let round = 0; round < 2; round += 1) {
        let accessToken: string;
        try {
          accessToken = await token();
        } catch (error) {
          return { result: 'retry', reason: `token: ${(error as Error).message}` };
        }
        const outcome = await attempt(message, accessToken);
        if (outcome !== 'token') return outcome;
      }
      return { result: 'retry', reason: 'wechat token rejected twice' };
    },
    tokenRefreshes: () => refreshes,
  };
}
