import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextWindow } from '../support/app';
import { devSignIn, expectNothingLeaked, startAccountsApp, type AccountsTestApp } from './support';

let app: AccountsTestApp;
beforeAll(async () => {
  app = await startAccountsApp();
});
afterAll(() => app?.close());

const refresh = (refreshToken: string) => app.request('POST', '/api/accounts/refresh', { body: { refreshToken } });
const me = (token: string) => app.request('GET', '/api/accounts/me', { token });

describe('refresh tokens', () => {
  it('rotate: each refresh answers a new pair and the new one works', async () => {
    const session = await devSignIn(app, 'rotating-user');
    const first = await refresh(session.refreshToken);
    expect(first.status, first.text).toBe(200);
    expect(first.body.refreshToken).not.toBe(session.refreshToken);
    expect(first.body.account.id).toBe(session.account.id);
    expect((await me(first.body.accessToken)).status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  it('are stored only as hashes', async () => {
    const session = await devSignIn(app, 'hashed-user');
    const raw = JSON.stringify(await app.connection.db!.collection('sessions').find({}).toArray());
    expect(raw).not.toContain(session.refreshToken);
    expect(raw).not.toContain(session.refreshToken.slice(3));
  });

  it('reusing a rotated token revokes the whole family, the newest token included', async () => {
    const session = await devSignIn(app, 'stolen-user');
    const rotated = await refresh(session.refreshToken);
    expect(rotated.status).toBe(200);

    const replay = await refresh(session.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect(app.logs.some((line) => line.includes('rotated refresh token reused'))).toBe(true);
  });

  it('of two concurrent refreshes with one token, exactly one succeeds', async () => {
    const session = await devSignIn(app, 'racing-user');
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('another sign-in of the same person is another family, untouched by the first one ending', async () => {
    const phone = await devSignIn(app, 'two-phones');
    const tablet = await devSignIn(app, 'two-phones');
    expect(
      (await app.request('POST', '/api/accounts/sign-out', { body: { refreshToken: phone.refreshToken } })).status,
    ).toBe(200);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await refresh(tablet.refreshToken)).status).toBe(200);
  });

  it('sign-out with an already rotated token still ends the family', async () => {
    const session = await devSignIn(app, 'sign-out-user');
    const rotated = await refresh(session.refreshToken);
    await app.request('POST', '/api/accounts/sign-out', { body: { refreshToken: session.refreshToken } });
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });

  it('past 20 refreshes a minute an account gets 429, and the refused token stays valid (no false reuse alarm)', async () => {
    startNextWindow(app.clock, 60_000);
    let token = (await devSignIn(app, 'busy-refresher')).refreshToken;
    for (let i = 0; i < 20; i += 1) {
      const rotated = await refresh(token);
      expect(rotated.status).toBe(200);
      token = rotated.body.refreshToken;
    }
    for (let i = 0; i < 2; i += 1) {
      const limited = await refresh(token);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const family = await app.connection.db!.collection('sessions').findOne({ previousHashes: { $size: 20 } });
    expect(family?.revokedAt).toBeNull();
  });

  it('an unknown token is refused without saying more', async () => {
    const response = await refresh('rt_not-a-token-we-ever-issued');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('REFRESH_TOKEN_INVALID');
  });
});

describe('access tokens', () => {
  let accountId: string;

  beforeAll(async () => {
    accountId = (await devSignIn(app, 'token-forgery-target')).account.id;
  });

  const claims = () => ({ sub: accountId, roles: ['resident'], scopes: [], typ: 'access' });
  const sign = (payload: object, options: jwt.SignOptions, secret = app.config.JWT_SECRET) =>
    jwt.sign(payload, secret, { algorithm: 'HS256', ...options });
  const valid = { issuer: () => app.config.JWT_ISSUER, audience: () => app.config.JWT_AUDIENCE };

  it('a well-formed token is accepted (so the refusals below are about their one flaw)', async () => {
    const token = sign(claims(), { issuer: valid.issuer(), audience: valid.audience(), expiresIn: 60 });
    expect((await me(token)).status).toBe(200);
  });

  const forgeries: [string, () => string][] = [
    [
      'expired',
      () =>
        sign(
          { ...claims(), exp: Math.floor(Date.now() / 1000) - 60 },
          { issuer: valid.issuer(), audience: valid.audience() },
        ),
    ],
    [
      'wrongly signed',
      () => sign(claims(), { issuer: valid.issuer(), audience: valid.audience(), expiresIn: 60 }, 'x'.repeat(48)),
    ],
    [
      'alg none',
      () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const exp = Math.floor(Date.now() / 1000) + 60;
        return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims(), iss: valid.issuer(), aud: valid.audience(), exp })}.`;
      },
    ],
    [
      'HS512 instead of the pinned HS256',
      () =>
        jwt.sign(claims(), app.config.JWT_SECRET, {
          algorithm: 'HS512',
          issuer: valid.issuer(),
          audience: valid.audience(),
          expiresIn: 60,
        }),
    ],
    ['wrong aud', () => sign(claims(), { issuer: valid.issuer(), audience: 'someone-else', expiresIn: 60 })],
    ['wrong iss', () => sign(claims(), { issuer: 'someone-else', audience: valid.audience(), expiresIn: 60 })],
    ['missing exp', () => sign(claims(), { issuer: valid.issuer(), audience: valid.audience() })],
    [
      'tampered payload (signature of another payload)',
      () => {
        const token = sign(claims(), { issuer: valid.issuer(), audience: valid.audience(), expiresIn: 60 });
        const [header, , signature] = token.split('.');
        const payload = Buffer.from(
          JSON.stringify({ ...claims(), roles: ['admin'], iss: valid.issuer(), aud: valid.audience(), exp: 9e9 }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
  ];

  it.each(forgeries)('%s → 401', async (_, make) => {
    const response = await me(make());
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a refresh token is not an access token', async () => {
    const session = await devSignIn(app, 'confused-user');
    expect((await me(session.refreshToken)).status).toBe(401);
  });
});

describe('roles', () => {
  it('a resident gets 403 from admin routes, and nothing changes', async () => {
    const resident = await devSignIn(app, 'plain-resident');
    const list = await app.request('GET', '/api/admin/accounts', { token: resident.accessToken });
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('FORBIDDEN');
    const grant = await app.request(
      'PUT',
      `/api/admin/accounts/${resident.account.id}/staff-scopes/school/65f0a0000000000000ac0001`,
      {
        token: resident.accessToken,
      },
    );
    expect(grant.status).toBe(403);
    expect((await me(resident.accessToken)).body.staffScopes).toEqual([]);
    expect((await app.request('GET', '/api/admin/audit-log', { token: resident.accessToken })).status).toBe(403);
  });

  it('no token at all is 401 before any role question', async () => {
    expect((await app.request('GET', '/api/admin/accounts')).status).toBe(401);
    expect((await app.request('GET', '/api/accounts/me')).status).toBe(401);
  });
});

describe('nothing leaks', () => {
  it('no response or log line holds an ID number or platform secret, and no log line a session token', () => {
    expectNothingLeaked(app);
  });
});
