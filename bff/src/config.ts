import { createPublicKey } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { templatesSchema } from './platform/notifications/templates';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Known to every clone of the repository, so they only ever protect a developer's laptop.
const DEV_JWT_SECRET = 'warmcity-dev-jwt-secret-not-for-production-use';
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(repoRoot, path));

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
  .transform((value) => value.toLowerCase());

// PEM text; `\n` escapes are accepted because env files hold one line per variable.
const pem = z
  .string()
  .min(1)
  .transform((value) => value.replaceAll('\\n', '\n'))
  .refine((value) => value.includes('-----BEGIN '), 'must be PEM text');

// 公钥ID (`PUB_KEY_ID_` and digits) or a platform certificate's hex serial.
const wechatPaySerial = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'must be the 公钥ID or certificate serial');

const isPublicKey = (pem: string) => {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
};

const WECHAT_PAY_VARIABLES = [
  'WECHAT_PAY_MCH_ID',
  'WECHAT_PAY_MCH_SERIAL_NO',
  'WECHAT_PAY_PRIVATE_KEY',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY',
  'WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID',
  'WECHAT_PAY_API_V3_KEY',
  'WECHAT_PAY_NOTIFY_URL',
  'WECHAT_APP_ID',
] as const;

const ALIPAY_PAY_VARIABLES = ['ALIPAY_APP_ID', 'ALIPAY_APP_PRIVATE_KEY', 'ALIPAY_PUBLIC_KEY'] as const;

const LIFE_STORY_VARIABLES = ['LIFE_STORY_API_KEY', 'LIFE_STORY_MODEL'] as const;

/** A comma-separated variable as its trimmed, non-empty entries. */
const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  DEVDB_PATH: z.string().min(1).default('.data/db').transform(fromRoot),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  // Secrets a token may also be signed with, `a,b`, never used to sign: the next one while a
  // rotation rolls out, the previous one for an access token's lifetime after (docs/operations.md).
  JWT_SECRETS_ACCEPTED: commaList('').pipe(z.array(z.string().min(32, 'each secret must be at least 32 characters'))),
  JWT_ISSUER: z.string().min(1).default('warmcity-bff'),
  JWT_AUDIENCE: z.string().min(1).default('warmcity-miniapp'),
  DATA_KEY: z
    .string()
    .default(DEV_DATA_KEY)
    .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    }),
  DATA_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -')
    .default('dev'),
  // Keys retired by a DATA_KEY rotation, `id:base64,id:base64`: still read until re-encrypted.
  DATA_KEYS_RETIRED: commaList('').pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+={0,2}$/, 'must be id:base64 pairs')
        .refine((entry) => Buffer.from(entry.split(':')[1]!, 'base64').length === 32, 'each key must be 32 bytes')
        .transform((entry) => ({ id: entry.split(':')[0]!, key: entry.split(':')[1]! })),
    ),
  ),
  // Unset: /metrics answers 404. Scrapers send it as a Bearer token; long enough not to be guessed.
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // Sign-in code exchange; a platform without an app id is simply not offered.
  WECHAT_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  WECHAT_APP_ID: z.string().min(1).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  ALIPAY_GATEWAY: z.url({ protocol: /^https?$/ }).default('https://openapi.alipay.com/gateway.do'),
  ALIPAY_APP_ID: z.string().min(1).optional(),
  // PEM text; `\n` escapes are accepted because env files hold one line per variable.
  ALIPAY_APP_PRIVATE_KEY: z
    .string()
    .min(1)
    .transform((value) => value.replaceAll('\\n', '\n'))
    .optional(),
  ALIPAY_PUBLIC_KEY: z
    .string()
    .min(1)
    .transform((value) => value.replaceAll('\\n', '\n'))
    .optional(),
  // Alipay payments (platform/payments/README.md) use the sign-in app and keys above, plus this.
  ALIPAY_PAY_NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  // WeChat Pay v3 (platform/payments/README.md): all of these or none; WECHAT_APP_ID is the payer's app.
  WECHAT_PAY_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.mch.weixin.qq.com'),
  WECHAT_PAY_MCH_ID: z
    .string()
    .regex(/^\d{1,32}$/, 'must be the merchant number')
    .optional(),
  WECHAT_PAY_MCH_SERIAL_NO: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the certificate serial, hex')
    .optional(),
  WECHAT_PAY_PRIVATE_KEY: pem.optional(),
  WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem.optional(),
  // The `Wechatpay-Serial` that key signs under: its 公钥ID (PUB_KEY_ID_…) or platform certificate serial.
  WECHAT_PAY_PLATFORM_PUBLIC_KEY_ID: wechatPaySerial.optional(),
  // While WeChat Pay switches keys it signs with either, naming which in `Wechatpay-Serial`: the
  // other one(s) as `serial:base64,…`, the base64 being the SPKI DER (a PUBLIC KEY PEM's body).
  WECHAT_PAY_PLATFORM_OTHER_KEYS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.replace(/\s+/g, ''))
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[A-Za-z0-9_]{1,64}:[A-Za-z0-9+/]+={0,2}$/, 'must be serial:base64 pairs')
          .transform((entry) => {
            const [id, der] = entry.split(':') as [string, string];
            const body = der.match(/.{1,64}/g)!.join('\n');
            return { id, pem: `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n` };
          })
          .refine((key) => isPublicKey(key.pem), 'each key must be an RSA public key (SPKI DER, base64)'),
      ),
    ),
  WECHAT_PAY_API_V3_KEY: z.string().length(32, 'must be the 32-character APIv3 key').optional(),
  WECHAT_PAY_NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Subscribe-message templates per notification kind (platform/notifications/README.md).
  NOTIFY_TEMPLATES: z
    .string()
    .default('{}')
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(templatesSchema),
  // Tries of one push before it is given up into the dead letters.
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  // `off` records notifications (inbox included) but pushes nothing: a staging copy of production
  // data must never message real residents, and a deployment may push from worker instances only.
  NOTIFY_DELIVERY: z.enum(['on', 'off']).default('on'),
  // A comma-separated list: the Taro H5 dev server answers on both spellings of loopback.
  CORS_ORIGIN: commaList('http://localhost:10086,http://127.0.0.1:10086').pipe(
    z.array(z.url({ protocol: /^https?$/ }).transform((origin) => new URL(origin).origin)),
  ),
  H5_DIST: z.string().min(1).default('miniapp/dist/h5').transform(fromRoot),
  // The 云祭扫 guest-book's sensitive-word list, one word a line.
  MEMORIAL_WORD_LIST: z.string().min(1).default('bff/config/memorial-words.txt').transform(fromRoot),
  // 生平 drafts: an OpenAI-compatible chat-completions service (`{URL}/chat/completions`). Unset:
  // drafts are composed from a template. The key and model are required once the URL is set.
  LIFE_STORY_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  LIFE_STORY_API_KEY: z.string().min(1).optional(),
  LIFE_STORY_MODEL: z.string().min(1).max(100).optional(),
  LIFE_STORY_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(15_000),
  BODY_LIMIT: byteSize.default('100kb'),
  // How many balancers in front append to X-Forwarded-For; 0 trusts none. Behind one balancer
  // (1) the per-IP limits count residents' addresses, not the balancer's; a larger number than
  // really stand in front would let a caller forge its address.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof envSchema> & { readonly usesDevDb: boolean };

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

/** Reads the whole configuration once; a bad value names its variable and stops start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable is the same as an unset one (the usual `FOO= cmd` habit).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const config = parsed.data;
  // Half a WeChat Pay set would fail at the first payment; name what is missing at start-up.
  const wechatPay = WECHAT_PAY_VARIABLES.filter((name) => name !== 'WECHAT_APP_ID' && present[name]);
  if (wechatPay.length > 0) {
    const missing = WECHAT_PAY_VARIABLES.filter((name) => !present[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((variable) => ({ variable, message: 'is required once WeChat Pay is configured' })),
      );
    }
  }
  if (present.ALIPAY_PAY_NOTIFY_URL) {
    const missing = ALIPAY_PAY_VARIABLES.filter((name) => !present[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((variable) => ({ variable, message: 'is required once Alipay is configured' })),
      );
    }
  }
  if (present.LIFE_STORY_API_URL) {
    const missing = LIFE_STORY_VARIABLES.filter((name) => !present[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map((variable) => ({ variable, message: 'is required once LIFE_STORY_API_URL is set' })),
      );
    }
  }
  if (config.NODE_ENV === 'production') {
    const refused = [
      !present.MONGODB_URI && {
        variable: 'MONGODB_URI',
        message: 'is required in production (devdb is for development)',
      },
      (!present.JWT_SECRET || config.JWT_SECRET === DEV_JWT_SECRET) && {
        variable: 'JWT_SECRET',
        message: 'is required in production and must not be the development default',
      },
      config.JWT_SECRETS_ACCEPTED.includes(DEV_JWT_SECRET) && {
        variable: 'JWT_SECRETS_ACCEPTED',
        message: 'must not accept the development secret in production',
      },
      (!present.DATA_KEY || config.DATA_KEY === DEV_DATA_KEY) && {
        variable: 'DATA_KEY',
        message: 'is required in production and must not be the development default',
      },
      !present.DATA_KEY_ID && { variable: 'DATA_KEY_ID', message: 'is required in production' },
    ].filter((problem) => problem !== false);
    if (refused.length > 0) throw new ConfigError(refused);
  }
  return { ...config, usesDevDb: !config.MONGODB_URI };
}
