import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec } from '@warmcity/shared';
import { revokeAccount } from '../../src/platform/account-status';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../src/platform/session';
import { startTestApp, type TestApp } from '../support/app';
import { contract, inBatches, needsSession, requiredHeaders, samplePath } from './support/contract';
import { fingerprint } from './support/fingerprint';
import { expectNoLeaks, Tally } from './support/tally';

// Every route that needs a session refuses each way a session can be missing or false, and so
// does every route that reads an optional one (a bad token is never read as "anonymous").

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface BadSession {
  name: string;
  /** The Authorization header, or none. */
  authorization?: string;
  code: 'UNAUTHENTICATED' | 'ACCOUNT_INACTIVE';
}

/** A token signed as the app signs them, but with one thing changed. `exp: null` leaves the
 * expiry out. */
function tokenWith(
  change: { secret?: string; issuer?: string; audience?: string; exp?: number | null; typ?: string } = {},
): string {
  const now = Math.floor(app.clock.now().getTime() / 1000);
  const exp = change.exp === undefined ? now + ACCESS_TOKEN_TTL_SECONDS : change.exp;
  return jwt.sign(
    {
      roles: ['resident', 'staff', 'admin'],
      scopes: [],
      typ: change.typ ?? 'access',
      ...(exp === null ? {} : { exp }),
    },
    createSecretKey(Buffer.from(change.secret ?? app.config.JWT_SECRET)),
    {
      algorithm: 'HS256',
      subject: app.signIn().user.id,
      issuer: change.issuer ?? app.config.JWT_ISSUER,
      audience: change.audience ?? app.config.JWT_AUDIENCE,
    },
  );
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function badSessions(): Promise<BadSession[]> {
  const now = Math.floor(app.clock.now().getTime() / 1000);
  const valid = app.signIn(['resident', 'staff', 'admin']).token;
  const [header, payload] = valid.split('.');
  const deleted = app.signIn(['resident', 'staff', 'admin']);
  await revokeAccount(app.connection, deleted.user.id, 'deleted', app.clock.now());
  const suspended = app.signIn(['resident', 'staff', 'admin']);
  await revokeAccount(app.connection, suspended.user.id, 'suspended', app.clock.now());
  const bearer = (token: string) => `Bearer ${token}`;
  return [
    { name: 'expired', authorization: bearer(tokenWith({ exp: now - 60 })), code: 'UNAUTHENTICATED' },
    { name: 'forged signature', authorization: bearer(tokenWith({ secret: 'x'.repeat(48) })), code: 'UNAUTHENTICATED' },
    {
      name: 'alg:none',
      authorization: bearer(`${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`),
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'signature stripped',
      authorization: bearer(`${header}.${payload}.`),
      code: 'UNAUTHENTICATED',
    },
    { name: 'wrong audience', authorization: bearer(tokenWith({ audience: 'someone-else' })), code: 'UNAUTHENTICATED' },
    { name: 'wrong issuer', authorization: bearer(tokenWith({ issuer: 'someone-else' })), code: 'UNAUTHENTICATED' },
    { name: 'no expiry', authorization: bearer(tokenWith({ exp: null })), code: 'UNAUTHENTICATED' },
    { name: 'refresh-typed', authorization: bearer(tokenWith({ typ: 'refresh' })), code: 'UNAUTHENTICATED' },
    { name: 'garbled header', authorization: 'Bearer ***', code: 'UNAUTHENTICATED' },
    { name: 'deleted account', authorization: bearer(deleted.token), code: 'ACCOUNT_INACTIVE' },
    { name: 'suspended account', authorization: bearer(suspended.token), code: 'ACCOUNT_INACTIVE' },
  ];
}

describe('security sweep: sessions', () => {
  it('every route needing a session answers 401 without one and with every kind of bad token; optional ones refuse bad tokens', async () => {
    const tally = new Tally('sessions');
    const sessions = await badSessions();
    const planned = contract.filter((operation) => needsSession(operation) || operation.access === 'optional');
    // The forgeries differ from a good token in one thing each: the unchanged one is honoured.
    const control = await app.request('GET', '/api/notifications/unread-count', { token: tokenWith() });
    expect(control.status, control.text).toBe(200);
    const before = await fingerprint(app);

    const cases = planned.flatMap((operation) =>
      [
        ...(needsSession(operation) ? [{ name: 'no session', code: 'UNAUTHENTICATED' } as BadSession] : []),
        ...sessions,
      ].map((session) => ({ operation, session })),
    );
    await inBatches(cases, 16, async ({ operation, session }: { operation: OperationSpec; session: BadSession }) => {
      const headers = { ...requiredHeaders(operation, `${operation.id}-${session.name}`) };
      if (session.authorization) headers.authorization = session.authorization;
      const response = await app.request(operation.method, samplePath(operation), {
        headers,
        ...(operation.body && !operation.consumes ? { body: {} } : {}),
      });
      const why = `${operation.id} with ${session.name}: ${response.status} ${response.text}`;
      expect(response.status, why).toBe(401);
      expect(response.headers.get('content-type'), why).toMatch(/^application\/problem\+json/);
      expect(response.body.code, why).toBe(session.code);
      tally.count(operation.id);
    });

    expect(await fingerprint(app)).toEqual(before);
    expectNoLeaks(app);
    tally.finish(planned.map((operation) => operation.id));
  }, 180_000);
});
