import type { ProblemCode } from '@warmcity/shared';
import type { Model, Types } from 'mongoose';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';

interface Reviewable {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
}

/**
 * A staff decision on something awaiting review (a memorial, a held message): found by `filter`,
 * answered 404 to staff of another cemetery as to anyone, then moved out of `from` in one
 * conditioned update. A decision is final: a second one is refused with `refused`.
 */
export async function decide<T extends Reviewable>(
  model: Model<T>,
  user: SessionUser,
  filter: { _id: Types.ObjectId; kind?: string },
  move: { from: string; to: string; refused: ProblemCode },
): Promise<T> {
  requireStaff(user);
  const found = await model.findOne(filter, { cemeteryId: 1 }).lean<Reviewable>();
  if (!found) throw problem('NOT_FOUND');
  requireScope(user, 'cemetery', found.cemeteryId);
  const decided = await model
    .findOneAndUpdate({ _id: found._id, status: move.from }, { $set: { status: move.to } }, { returnDocument: 'after' })
    .lean<T>();
  if (!decided) throw problem(move.refused);
  return decided;
}
