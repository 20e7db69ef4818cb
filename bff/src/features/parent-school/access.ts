import type { Types } from 'mongoose';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';

/** Whether this staff member runs classes for the school; admins run all of them. */
export function runsSchool(user: SessionUser, schoolId: Types.ObjectId | string): boolean {
  return (
    user.roles.includes('admin') || (user.roles.includes('staff') && user.scopes.includes(`school:${String(schoolId)}`))
  );
}

/** The schools a staff member is scoped to, as ids. */
export function schoolScopes(user: SessionUser): string[] {
  return user.scopes.filter((scope) => scope.startsWith('school:')).map((scope) => scope.slice('school:'.length));
}

/**
 * Staff of another school get exactly the answer a missing object gets, so ids cannot be
 * probed across schools.
 */
export function requireSchool(user: SessionUser, schoolId: Types.ObjectId | string): void {
  if (!runsSchool(user, schoolId)) throw problem('NOT_FOUND');
}

/** Services re-check the role the route declared, so one called from elsewhere cannot skip it. */
export function requireStaff(user: SessionUser): void {
  if (!user.roles.includes('staff') && !user.roles.includes('admin')) throw problem('FORBIDDEN');
}
