import { createSecretKey, type KeyObject } from 'node:crypto';
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

export type JwtConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>;

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

export function signAccessToken(config: JwtConfig, user: SessionUser): string {
  return jwt.sign({ roles: user.roles, scopes: user.scopes, typ: 'access' }, secretKey(config.JWT_SECRET), {
    algorithm: 'HS256',
    subject: user.id,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });
}

/** The session an access token carries, or null for any token we did not issue or that has
 * lapsed. The algorithm is pinned so `alg: none` and key-confusion tokens never verify, and a
 * token without `exp` is refused because it would never lapse. */
export function verifyAccessToken(config: JwtConfig, token: string): SessionUser | null {
  let payload: unknown;
  try {
    payload = jwt.verify(token, secretKey(config.JWT_SECRET), {
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
