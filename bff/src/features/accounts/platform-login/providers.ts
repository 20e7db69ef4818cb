import type { signInProviders } from '@warmcity/shared/api/accounts';
import type { Config } from '../../../config';
import { problem } from '../../../platform/problem';
import { alipayConfigured, exchangeAlipayCode } from './alipay';
import { codeInvalid, type PlatformIdentity } from './exchange';
import { exchangeWechatCode, wechatConfigured } from './wechat';

export type Provider = (typeof signInProviders)[number];

// A dev code is the demo account's handle; any new one becomes a new resident.
const DEV_CODE = /^[a-z0-9][a-z0-9-]{2,39}$/;

/** The dev provider trusts whatever code it is given, so production never offers it. */
export const devProviderEnabled = (config: Pick<Config, 'NODE_ENV'>) => config.NODE_ENV !== 'production';

/** Trades a one-time login code for the platform's id of the person, server-side. */
export async function exchangeCode(
  config: Config,
  provider: Provider,
  code: string,
  now: Date,
): Promise<PlatformIdentity> {
  switch (provider) {
    case 'wechat':
      if (!wechatConfigured(config)) throw problem('SIGN_IN_PROVIDER_UNAVAILABLE');
      return exchangeWechatCode(config, code);
    case 'alipay':
      if (!alipayConfigured(config)) throw problem('SIGN_IN_PROVIDER_UNAVAILABLE');
      return exchangeAlipayCode(config, code, now);
    case 'dev':
      if (!devProviderEnabled(config)) throw problem('SIGN_IN_PROVIDER_UNAVAILABLE');
      if (!DEV_CODE.test(code)) throw codeInvalid();
      return { subject: code, unionId: null };
  }
}
