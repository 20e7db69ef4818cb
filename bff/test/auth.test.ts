import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../src/platform/session';
import { newObjectId, startTestApp, type TestApp } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function forge(overrides: { claims?: Record<string, unknown>; secret?: string; omitExp?: boolean } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: newObjectId(),
    roles: ['resident'],
    scopes: [],
    typ: 'access',
    iss: app.config.JWT_ISSUER,
    aud: app.config.JWT_AUDIENCE,
    iat: now,
    ...(overrides.omitExp ? {} : { exp: now + 600 }),
    ...overrides.claims,
  };
  return jwt.sign(claims, overrides.secret ?? app.config.JWT_SECRET, { algorithm: 'HS256' });
}

describe('access tokens', () => {
  it('a token we issued opens a resident route and names the user', async () => {
    const { token, user } = app.signIn();
    const response = await app.request('GET', '/api/test/me', { token });
    expect(response.body).toEqual({ userId: user.id });
    expect(verifyAccessToken(app.config, token)).toEqual(user);
  });

  it('a token forged with our own secret and claims also verifies (the forgery helper is honest)', async () => {
    const response = await app.request('GET', '/api/test/me', { token: forge() });
    expect(response.status).toBe(200);
  });

  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'none', typ: 'JWT' });
  const rejected: [string, () => string][] = [
    ['expired', () => forge({ claims: { iat: now - 3600, exp: now - 60 } })],
    ['signed with another secret', () => forge({ secret: 'another-secret-that-is-long-enough-to-be-real' })],
    [
      'alg none',
      () =>
        `${header}.${base64url({ sub: newObjectId(), roles: ['admin'], typ: 'access', iss: app.config.JWT_ISSUER, aud: app.config.JWT_AUDIENCE, exp: now + 600 })}.`,
    ],
    ['for another audience', () => forge({ claims: { aud: 'another-app' } })],
    ['from another issuer', () => forge({ claims: { iss: 'someone-else' } })],
    ['without exp', () => forge({ omitExp: true })],
    ['a refresh-type token', () => forge({ claims: { typ: 'refresh' } })],
    ['with an unknown role', () => forge({ claims: { roles: ['root'] } })],
    [
      'HS512 with our secret',
      () =>
        jwt.sign(
          {
            sub: 'u',
            roles: [],
            typ: 'access',
            iss: app.config.JWT_ISSUER,
            aud: app.config.JWT_AUDIENCE,
            exp: now + 600,
          },
          app.config.JWT_SECRET,
          { algorithm: 'HS512' },
        ),
    ],
    ['garbage', () => 'not-a-jwt'],
  ];

  it.each(rejected)('a token %s → 401 UNAUTHENTICATED, even where a session is optional', async (_, make) => {
    const token = make();
    for (const path of ['/api/test/admin', '/api/test/me']) {
      const response = await app.request('GET', path, { token });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('no token → 401 where a session is needed, anonymous where it is optional', async () => {
    expect((await app.request('GET', '/api/test/admin')).body.code).toBe('UNAUTHENTICATED');
    expect((await app.request('GET', '/api/test/me')).body).toEqual({ userId: null });
    const garbled = await app.request('GET', '/api/test/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(garbled.status).toBe(401);
  });

  it('public routes ignore whatever token is sent', async () => {
    expect((await app.request('GET', '/healthz', { token: 'not-a-jwt' })).status).toBe(200);
  });
});

describe('roles', () => {
  it('a missing role → 403 FORBIDDEN', async () => {
    for (const roles of [['resident'], ['staff'], ['resident', 'staff']] as const) {
      const response = await app.request('GET', '/api/test/admin', { token: app.signIn([...roles]).token });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
    const staffOnly = await app.request('PATCH', `/api/test/notes/${newObjectId()}`, {
      token: app.signIn('resident').token,
      body: { text: 'x' },
    });
    expect(staffOnly.status).toBe(403);
  });

  it('the role opens the route, and admin can do what staff can', async () => {
    expect((await app.request('GET', '/api/test/admin', { token: app.signIn('admin').token })).status).toBe(200);
    for (const role of ['staff', 'admin'] as const) {
      const response = await app.request('PATCH', `/api/test/notes/${newObjectId()}`, {
        token: app.signIn(role).token,
        body: { text: 'x' },
      });
      expect(response.status).toBe(200);
    }
  });

  it('checks the session before looking at the input, so the schema is not probed anonymously', async () => {
    const response = await app.request('PATCH', '/api/test/notes/not-an-id', {
      raw: '{broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
  });
});
