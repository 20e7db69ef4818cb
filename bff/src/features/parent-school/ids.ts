import { Types } from 'mongoose';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';

/** Ids arrive validated as 24 hex characters by the contract; this only changes their type. */
export const oid = (id: string) => new Types.ObjectId(id);

/** The caller's account id as stored on their bookings. Tokens we issue always carry one; any
 * other subject cannot own anything here. */
export function accountIdOf(user: SessionUser): Types.ObjectId {
  if (!/^[0-9a-f]{24}$/.test(user.id)) throw problem('UNAUTHENTICATED');
  return new Types.ObjectId(user.id);
}
