import type { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../database';
import type { SeatFields, SeatPoolFields } from './fields';

/** The two steps every journaled op ends with, shared by live requests and by repair. */

export type Seat = SeatFields & { _id: Types.ObjectId };
export type Pool = SeatPoolFields & { _id: Types.ObjectId };

export interface SeatModels {
  readonly pools: Model<Pool>;
  readonly seats: Model<Seat>;
}

/** Removes a finished op's entry with the counter change finishing implies; exactly once,
 * because the update only matches while the entry is still there. */
export async function settle(
  { pools }: SeatModels,
  poolId: Types.ObjectId,
  op: Types.ObjectId,
  delta: 0 | -1,
): Promise<boolean> {
  const result = await pools.updateOne(
    { _id: poolId, 'journal.op': op },
    { $pull: { journal: { op } }, $inc: { booked: delta, seatVersion: 1 } },
  );
  return result.modifiedCount === 1;
}

/**
 * Gives the place announced by `op` to the first person waiting, in ticket order. The unique
 * `seatOp` index makes this happen at most once per op, whoever runs it; the seat that holds the
 * place is returned either way, or null when nobody was waiting.
 */
export async function promoteFirst(
  { seats }: SeatModels,
  poolId: Types.ObjectId,
  op: Types.ObjectId,
): Promise<Seat | null> {
  try {
    return await seats
      .findOneAndUpdate(
        { pool: poolId, status: 'waitlisted' },
        { $set: { status: 'confirmed', seatOp: op, confirmedAt: new Date() } },
        { sort: { ticket: 1 }, returnDocument: 'after' },
      )
      .lean<Seat>();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return seats.findOne({ seatOp: op }).lean<Seat>();
  }
}
