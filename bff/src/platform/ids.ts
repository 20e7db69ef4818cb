import { Types } from 'mongoose';
import { problem } from './problem';
import type { SessionUser } from './session';

const HEX_ID = /^[0-9a-f]{24}$/;

/** An id from a path, query or body as an ObjectId. The contract already refuses malformed ids;
 * one that slips past (another caller, an old cursor) is as unknown as a missing object: 404. */
export function oid(id: string): Types.ObjectId {
  if (!HEX_ID.test(id)) throw problem('NOT_FOUND');
  return new Types.ObjectId(id);
}

/** The caller's account id as features store it on what the account owns. Tokens we issue always
 * carry one; any other subject cannot own anything. */
export function accountIdOf(user: SessionUser): Types.ObjectId {
  if (!HEX_ID.test(user.id)) throw problem('UNAUTHENTICATED');
  return new Types.ObjectId(user.id);
}
