import type { Types } from 'mongoose';
import type { StaffScope } from '@warmcity/shared/api/accounts';
import { problem } from './problem';
import type { SessionUser } from './session';

export type ScopeKind = StaffScope['kind'];

/** Whether this staff member operates the object (`school:<id>`, `charging-site:<id>`, ...);
 * admins operate all of them. */
export function hasScope(user: SessionUser, kind: ScopeKind, id: Types.ObjectId | string): boolean {
  return (
    user.roles.includes('admin') || (user.roles.includes('staff') && user.scopes.includes(`${kind}:${String(id)}`))
  );
}

/** Staff scoped elsewhere get exactly the answer a missing object gets, so ids cannot be probed. */
export function requireScope(user: SessionUser, kind: ScopeKind, id: Types.ObjectId | string): void {
  if (!hasScope(user, kind, id)) throw problem('NOT_FOUND');
}

/** The ids of one kind a staff member is scoped to. */
export function scopeIds(user: SessionUser, kind: ScopeKind): string[] {
  const prefix = `${kind}:`;
  return user.scopes.filter((scope) => scope.startsWith(prefix)).map((scope) => scope.slice(prefix.length));
}

/** Services re-check the role the route declared, so one called from elsewhere cannot skip it. */
export function requireStaff(user: SessionUser): void {
  if (!user.roles.includes('staff') && !user.roles.includes('admin')) throw problem('FORBIDDEN');
}
