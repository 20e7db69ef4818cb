import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const wechatPay = {
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_PAY_MCH_ID: '1900000109',
  WECHAT_PAY_MCH_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHAT_PAY_PRIVATE_KEY: privateKey.replaceAll('\n', '\\n'),
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: publicKey,
  WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000001092026000000000001',
  WECHAT_PAY_API_V3_KEY: 'a'.repeat(32),
  WECHAT_PAY_NOTIFY_URL: 'https://warmcity.example/api/payments/notify/wechat',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => p.variable);
  }
};

describe('WeChat Pay configuration', () => {
  it('takes the whole set, with PEM keys given as one line', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...wechatPay });
    expect(config.WECHAT_PAY_PRIVATE_KEY).toBe(privateKey);
  });

  it('refuses half a set, naming what is missing', () => {
    const { WECHAT_PAY_API_V3_KEY: _key, WECHAT_PAY_NOTIFY_URL: _url, ...half } = wechatPay;
    expect(problemsOf(half)).toEqual(['WECHAT_PAY_API_V3_KEY', 'WECHAT_PAY_NOTIFY_URL']);
  });

  it('takes the other platform keys of a key switch as serial:base64 SPKI, and refuses anything else', () => {
    const der = createPublicKey(publicKey).export({ type: 'spki', format: 'der' }).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'test',
      ...wechatPay,
      WECHAT_PAY_PLATFORM_OTHER_KEYS: `5157F09EFDC096DE15EBE81A47057A7232F1B8E1:${der}`,
    });
    expect(config.WECHAT_PAY_PLATFORM_OTHER_KEYS).toHaveLength(1);
    const other = config.WECHAT_PAY_PLATFORM_OTHER_KEYS[0]!;
    expect(other.id).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    expect(createPublicKey(other.pem).equals(createPublicKey(publicKey))).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', ...wechatPay }).WECHAT_PAY_PLATFORM_OTHER_KEYS).toEqual([]);
    for (const bad of [der, 'PUB_KEY_ID_1:bm90IGEga2V5', `bad serial!:${der}`]) {
      expect(problemsOf({ ...wechatPay, WECHAT_PAY_PLATFORM_OTHER_KEYS: bad })).toEqual([
        'WECHAT_PAY_PLATFORM_OTHER_KEYS',
      ]);
    }
  });

  it('refuses an APIv3 key that is not 32 characters and a key that is not PEM', () => {
    expect(problemsOf({ ...wechatPay, WECHAT_PAY_API_V3_KEY: 'short', WECHAT_PAY_PRIVATE_KEY: 'not a key' })).toEqual([
      'WECHAT_PAY_PRIVATE_KEY',
      'WECHAT_PAY_API_V3_KEY',
    ]);
  });
});
