import { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { Accounts } from './account.model';

/** The caller's own account. An access token outlives a deletion by up to 15 minutes; in that
 * window the account is gone, so the caller is treated as signed out. */
export async function loadOwnAccount(deps: Deps, user: SessionUser) {
  const account = Types.ObjectId.isValid(user.id)
    ? await Accounts(deps.connection)
        .findOne({ _id: new Types.ObjectId(user.id), deletedAt: null })
        .lean()
    : null;
  if (!account) throw problem('UNAUTHENTICATED', 'This account no longer exists.');
  return account;
}

/** Services re-check the role the route declared, so a service called from elsewhere (a CLI,
 * another feature) cannot skip it. */
export function requireAdmin(user: SessionUser): void {
  if (!user.roles.includes('admin')) throw problem('FORBIDDEN');
}
