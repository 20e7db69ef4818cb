import type { Access, Role } from '@warmcity/shared';
import { problem } from './problem';
import { bearerToken, verifyAccessToken, type JwtConfig, type SessionUser } from './session';

// An admin can do what staff can; `resident` access only needs a signed-in account.
const rolesFor: Record<'staff' | 'admin', readonly Role[]> = {
  staff: ['staff', 'admin'],
  admin: ['admin'],
};

/**
 * The session an operation runs with, or a 401/403 problem. A token that fails verification is
 * refused even where a session is optional, so the client learns to refresh it instead of
 * silently seeing the anonymous view.
 */
export function authorise(access: Access, authorization: string | undefined, config: JwtConfig): SessionUser | null {
  if (access === 'public') return null;
  const token = bearerToken(authorization);
  if (token === undefined) {
    if (access === 'optional') return null;
    throw problem('UNAUTHENTICATED');
  }
  const user = token ? verifyAccessToken(config, token) : null;
  if (!user) throw problem('UNAUTHENTICATED', 'The access token is invalid or has expired.');
  if ((access === 'staff' || access === 'admin') && !user.roles.some((role) => rolesFor[access].includes(role))) {
    throw problem('FORBIDDEN');
  }
  return user;
}
