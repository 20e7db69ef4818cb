import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeaked, startAccountsApp, type AccountsTestApp } from './support';

let app: AccountsTestApp;
beforeAll(async () => {
  app = await startAccountsApp();
});
afterAll(() => app?.close());

const signIn = (provider: string, code: string) =>
  app.request('POST', '/api/accounts/sign-in', { body: { provider, code } });

describe.each(['wechat', 'alipay'])('sign-in through the fake %s server', (provider) => {
  it('creates an account on the first sign-in and finds it again with a fresh code', async () => {
    const first = await signIn(provider, `valid-${provider}-alice~1`);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ expiresIn: 900, account: { provider, roles: ['resident'], identity: null } });
    expect(first.body.refreshToken).toMatch(/^rt_/);

    const again = await signIn(provider, `valid-${provider}-alice~2`);
    expect(again.status).toBe(200);
    expect(again.body.account.id).toBe(first.body.account.id);
    expect(again.body.refreshToken).not.toBe(first.body.refreshToken);

    const me = await app.request('GET', '/api/accounts/me', { token: again.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.body.account.id);
  });

  it('answers an invalid code with SIGN_IN_CODE_INVALID and creates nothing', async () => {
    const before = await app.countDocuments();
    const response = await signIn(provider, 'invalid-code');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('SIGN_IN_CODE_INVALID');
    expect((await app.countDocuments()).accounts).toBe(before.accounts);
  });

  it('refuses a code that was already used', async () => {
    expect((await signIn(provider, `valid-${provider}-once`)).status).toBe(200);
    const replay = await signIn(provider, `valid-${provider}-once`);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('SIGN_IN_CODE_INVALID');
  });

  it('passes on the platform rate limit as 503 with Retry-After', async () => {
    const response = await signIn(provider, 'ratelimit');
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('SIGN_IN_UPSTREAM_BUSY');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a user the platform flags as high-risk', async () => {
    const response = await signIn(provider, 'risky-user');
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('SIGN_IN_RISKY_USER');
  });
});

describe('Alipay answers are verified', () => {
  it('an answer not signed by the configured Alipay key is refused (500) and creates nothing', async () => {
    const impostorKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const misconfigured = await startAccountsApp({ env: { ALIPAY_PUBLIC_KEY: impostorKey } });
    try {
      const response = await misconfigured.request('POST', '/api/accounts/sign-in', {
        body: { provider: 'alipay', code: 'valid-carol' },
      });
      expect(response.status).toBe(500);
      expect(response.body.code).toBe('INTERNAL');
      expect((await misconfigured.countDocuments()).accounts ?? 0).toBe(0);
      expect(misconfigured.logs.some((line) => line.includes('failed signature verification'))).toBe(true);
    } finally {
      await misconfigured.close();
    }
  });
});

describe('first sign-ins racing', () => {
  it('eight parallel first sign-ins of one person make one account', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn('wechat', `valid-dave~${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body.account.id)).size).toBe(1);
  });
});

describe('the platforms are separate account spaces', () => {
  it('gives the same name on WeChat and Alipay two accounts', async () => {
    const wechat = await signIn('wechat', 'valid-bob');
    const alipay = await signIn('alipay', 'valid-bob');
    expect(wechat.body.account.id).not.toBe(alipay.body.account.id);
  });
});

describe('the dev provider', () => {
  it('signs in by demo code outside production', async () => {
    const response = await signIn('dev', 'demo-tester');
    expect(response.status).toBe(200);
    expect(response.body.account.provider).toBe('dev');
  });

  it('is refused, and its picker hidden, in production', async () => {
    const production = await startAccountsApp({
      env: {
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
        JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
        DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
        DATA_KEY_ID: 'prod-1',
      },
    });
    try {
      const refused = await production.request('POST', '/api/accounts/sign-in', {
        body: { provider: 'dev', code: 'demo-admin' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('SIGN_IN_PROVIDER_UNAVAILABLE');
      expect((await production.request('GET', '/api/accounts/dev-accounts')).status).toBe(404);
      expect((await production.countDocuments()).accounts ?? 0).toBe(0);
    } finally {
      await production.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After once an address passes 120 sign-ins a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 125; i += 1) statuses.push((await signIn('dev', 'invalid code')).status);
    expect(statuses).toContain(429);
    const limited = await signIn('dev', 'demo-tester');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('nothing leaks', () => {
  it('no response or log line of this file holds an ID number, a session_key or a platform token, and no log line a session token', () => {
    expect(app.platform.issuedSecrets.length).toBeGreaterThan(0);
    expectNothingLeaked(app);
  });
});
