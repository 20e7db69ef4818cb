import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckInToken } from '../src/features/parent-school/check-in-token';
import { keyIdOf, signAccessToken } from '../src/platform/session';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './parent-school/support';
import { newObjectId } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

// The second step of a rotation: the new secret signs, the old one is still accepted.
const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);
const STRANGER = 's'.repeat(40);

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp({
    env: { JWT_SECRET: NEW, JWT_SECRETS_ACCEPTED: OLD },
    extraOperations: testOperations,
    extraRoutes: testRoutes(),
  });
});
afterAll(() => app?.close());

const issuer = () => ({ JWT_ISSUER: app.config.JWT_ISSUER, JWT_AUDIENCE: app.config.JWT_AUDIENCE });
const user = () => ({ id: newObjectId(), roles: ['resident'] as const, scopes: [] });
const me = (token: string) => app.request('GET', '/api/test/me', { token });

/** A token as the release before key ids signed them: no `kid` in its header. */
function withoutKeyId(secret: string, sub: string) {
  return jwt.sign({ roles: ['resident'], scopes: [], typ: 'access' }, secret, {
    algorithm: 'HS256',
    subject: sub,
    issuer: app.config.JWT_ISSUER,
    audience: app.config.JWT_AUDIENCE,
    expiresIn: 600,
  });
}

describe('JWT_SECRET rotation', () => {
  it('signs with the new secret and names it by its key id', () => {
    const token = signAccessToken(app.config, user());
    expect(jwt.decode(token, { complete: true })?.header.kid).toBe(keyIdOf(NEW));
    expect(keyIdOf(NEW)).not.toBe(keyIdOf(OLD));
  });

  it('accepts a token the old secret signed, and one the new secret signed', async () => {
    const old = user();
    expect((await me(signAccessToken({ ...issuer(), JWT_SECRET: OLD }, old))).body).toEqual({ userId: old.id });
    const current = user();
    expect((await me(signAccessToken(app.config, current))).body).toEqual({ userId: current.id });
  });

  it('refuses a secret it does not accept, and a token whose kid names an accepted secret it was not signed with', async () => {
    const stranger = await me(signAccessToken({ ...issuer(), JWT_SECRET: STRANGER }, user()));
    expect([stranger.status, stranger.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const claimsOld = jwt.sign({ sub: newObjectId(), roles: ['resident'], scopes: [], typ: 'access' }, STRANGER, {
      algorithm: 'HS256',
      keyid: keyIdOf(OLD),
      issuer: app.config.JWT_ISSUER,
      audience: app.config.JWT_AUDIENCE,
      expiresIn: 600,
    });
    expect((await me(claimsOld)).status).toBe(401);
    const unknownKid = jwt.sign({ sub: newObjectId(), roles: ['resident'], scopes: [], typ: 'access' }, NEW, {
      algorithm: 'HS256',
      keyid: 'no-such-key',
      issuer: app.config.JWT_ISSUER,
      audience: app.config.JWT_AUDIENCE,
      expiresIn: 600,
    });
    expect((await me(unknownKid)).status).toBe(401);
  });

  it('takes a token without a key id as signed with the signing secret only', async () => {
    const sub = newObjectId();
    expect((await me(withoutKeyId(NEW, sub))).body).toEqual({ userId: sub });
    expect((await me(withoutKeyId(OLD, newObjectId()))).status).toBe(401);
  });

  it('checks in a pass the old secret signed, and refuses one a stranger signed', async () => {
    const sessionId = await app.createSession({ capacity: 5 });
    const booked = async () => (await app.book(app.resident(), sessionId)).body as { id: string; shortCode: string };
    const shown = await booked();
    const refused = await app.request('POST', `${base}/staff/sessions/${sessionId}/check-ins`, {
      token: app.staff,
      body: { token: signCheckInToken(STRANGER, shown.id, shown.shortCode) },
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'CHECK_IN_TOKEN_INVALID']);
    const checkedIn = await app.request('POST', `${base}/staff/sessions/${sessionId}/check-ins`, {
      token: app.staff,
      body: { token: signCheckInToken(OLD, shown.id, shown.shortCode) },
    });
    expect(checkedIn.status, checkedIn.text).toBe(200);
    expect(checkedIn.body).toMatchObject({ bookingId: shown.id });
  });
});
