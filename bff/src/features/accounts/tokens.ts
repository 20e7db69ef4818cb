import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../../platform/session';
import type { Deps } from '../../platform/deps';
import type { Account } from './account.model';
import type { Provider } from './platform-login/providers';
import { Sessions } from './session.model';
import { accountView, sessionUserOf } from './views';

/** A refresh token lives this long unused; each rotation starts the period again. */
export const REFRESH_IDLE_MS = 30 * 24 * 3600_000;

// 256 random bits: a plain hash is enough, there is nothing to guess.
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`;

export function sessionTokens(deps: Deps, account: Account, refreshToken: string) {
  return {
    accessToken: signAccessToken(deps.config, sessionUserOf(account)),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    account: accountView(account),
  };
}

/** A new token family: one per sign-in, so signing out on one phone leaves the others alone. */
export async function startSession(deps: Deps, account: Account, provider: Provider) {
  const now = deps.clock.now();
  const refreshToken = newRefreshToken();
  await Sessions(deps.connection).create({
    account: account._id,
    provider,
    currentHash: hashRefreshToken(refreshToken),
    previousHashes: [],
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_IDLE_MS),
    revokedAt: null,
  });
  return sessionTokens(deps, account, refreshToken);
}
