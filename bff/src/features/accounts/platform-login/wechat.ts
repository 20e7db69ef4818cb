import { z } from 'zod';
import type { Config } from '../../../config';
import { callPlatform, codeInvalid, riskyUser, upstreamBusy, type PlatformIdentity } from './exchange';

type WechatConfig = Pick<Config, 'WECHAT_API_BASE' | 'WECHAT_APP_ID' | 'WECHAT_APP_SECRET'>;

const answer = z.object({
  openid: z.string().min(1).optional(),
  unionid: z.string().min(1).optional(),
  errcode: z.number().int().optional(),
});

export const wechatConfigured = (config: WechatConfig) => Boolean(config.WECHAT_APP_ID && config.WECHAT_APP_SECRET);

/** `auth.code2Session`: WeChat answers errors with HTTP 200 and an `errcode`. */
export async function exchangeWechatCode(config: WechatConfig, code: string): Promise<PlatformIdentity> {
  const url = new URL('/sns/jscode2session', config.WECHAT_API_BASE);
  url.search = new URLSearchParams({
    appid: config.WECHAT_APP_ID ?? '',
    secret: config.WECHAT_APP_SECRET ?? '',
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();
  const parsed = answer.safeParse(JSON.parse(await callPlatform(url.toString())));
  if (!parsed.success) throw new Error('jscode2session answered in an unknown shape');
  const { openid, unionid, errcode = 0 } = parsed.data;
  if (errcode === 0 && openid) return { subject: openid, unionId: unionid ?? null };
  if (errcode === 40029 || errcode === 40163) throw codeInvalid();
  if (errcode === 45011 || errcode === -1) throw upstreamBusy();
  if (errcode === 40226) throw riskyUser();
  // 40013/40125 and the like mean our app id or secret is wrong: an operator's problem, a 500.
  throw new Error(`jscode2session refused our credentials (errcode ${errcode})`);
}
