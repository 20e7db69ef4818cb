import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Role } from '@warmcity/shared';
import type { Config } from '../config';

/** Who is calling, as the access token says. `scopes` name what a staff member operates, as
 * `kind:id` strings (`school:<id>`, `charging-site:<id>`, `cemetery:<id>`, `service-hall:<id>`); residents have none. */
export interface SessionUser {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly scopes: readonly string[];
}

export type JwtConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> &
  Partial<Pick<Config, 'JWT_SECRETS_ACCEPTED'>>;

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const claims = z.object({
  sub: z.string().min(1).max(64),
  roles: z.array(z.enum(['resident', 'staff', 'admin'])).max(3),
  scopes: z.array(z.string().max(100)).max(200).default([]),
  typ: z.literal('access'),
  exp: z.number().int(),
});

// Given a string, jsonwebtoken first tries to parse it as a PEM public key and builds a key object
// on every call, which costs milliseconds per request; a ready secret key object skips both.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

/**
 * The key id a token names its secret by: a digest of the secret, so a token can say which of the
 * accepted secrets signed it without anyone having to assign ids, and without revealing it.
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update('warmcity/jwt-kid/v1\0').update(secret).digest('base64url').slice(0, 16);
}

const keyrings = new Map<string, ReadonlyMap<string, KeyObject>>();
/** The secrets a token may be signed with, by key id: the signing one and the accepted ones. */
function keyring(config: JwtConfig): ReadonlyMap<string, KeyObject> {
  const secrets = [config.JWT_SECRET, ...(config.JWT_SECRETS_ACCEPTED ?? [])];
  const cacheKey = secrets.join('\n');
  let ring = keyrings.get(cacheKey);
  if (!ring) keyrings.set(cacheKey, (ring = new Map(secrets.map((secret) => [keyIdOf(secret), secretKey(secret)]))));
  return ring;
}

const header = z.object({ kid: z.string().max(64).optional() });
/** The key a token's header names; a token from before key ids were sent was signed with the
 * signing secret (it lapses within an access token's lifetime of the release). */
function keyFor(config: JwtConfig, token: string): KeyObject | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString());
  } catch {
    return undefined;
  }
  const parsed = header.safeParse(decoded);
  if (!parsed.success) return undefined;
  return parsed.data.kid === undefined ? secretKey(config.JWT_SECRET) : keyring(config).get(parsed.data.kid);
}

export function signAccessToken(config: JwtConfig, user: SessionUser): string {
  return jwt.sign({ roles: user.roles, scopes: user.scopes, typ: 'access' }, secretKey(config.JWT_SECRET), {
    algorithm: 'HS256',
    keyid: keyIdOf(config.JWT_SECRET),
    subject: user.id,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });
}

/** The session an access token carries, or null for any token we did not issue or that has
 * lapsed. The algorithm is pinned so `alg: none` and key-confusion tokens never verify, and a
 * token without `exp` is refused because it would never lapse. The key is the one the token's
 * `kid` names among those accepted, so a rotation never has to try secrets one after another. */
export function verifyAccessToken(config: JwtConfig, token: string): SessionUser | null {
  const key = keyFor(config, token);
  if (!key) return null;
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, {
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockTolerance: 5,
    });
  } catch {
    return null;
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) return null;
  return { id: parsed.data.sub, roles: parsed.data.roles, scopes: parsed.data.scopes };
}

/** The bearer token of a request; `undefined` when none is sent, '' when the header is garbled. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(authorization);
  return match?.[1] ?? '';
}
