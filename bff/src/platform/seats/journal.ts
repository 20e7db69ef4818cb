import type { Model, Types } from 'mongoose';
import { isDuplicateKey } from '../database';
import type { JournalEntry, SeatFields, SeatPoolFields } from './fields';

/** The steps every journaled op ends with, shared by live requests and by repair. */

export type Seat = SeatFields & { _id: Types.ObjectId };
export type Pool = SeatPoolFields & { _id: Types.ObjectId };

export interface SeatModels<TPool extends Pool = Pool, TSeat extends Seat = Seat> {
  readonly pools: Model<TPool>;
  readonly seats: Model<TSeat>;
}

/**
 * The mechanism's view of a feature's models. A mongoose `Model<ClassSession>` is not a
 * `Model<Pool>` to TypeScript (its schema types are invariant), although every document holds the
 * seat fields `addSeatPoolFields`/`addSeatFields` put there; the mechanism only touches those, so
 * the widening is made here once, not by each feature.
 */
export function seatModels<TPool extends Pool, TSeat extends Seat>(models: SeatModels<TPool, TSeat>): SeatModels {
  return models as unknown as SeatModels;
}

/** The models' collections as the driver types them, for the steps every take makes: their
 * values are already what the schema holds, and mongoose's casting cost more CPU than the round
 * trip. `Connection.collection` hands out the one it keeps per name. */
export function driverCollections({ pools, seats }: SeatModels) {
  return {
    pools: pools.db.collection<Pool>(pools.collection.collectionName),
    seats: seats.db.collection<Seat>(seats.collection.collectionName),
  };
}

/** Documents written before seats had a quantity hold one place. */
export const placesOf = (item: { places?: number | null }): number => item.places ?? 1;

/**
 * Removes a finished op's entry with the counter change finishing implies; exactly once,
 * because the update only matches while the entry is still there. The last op to finish on a
 * closed pool recounts it, since `close` cancels seats without moving the counter per seat.
 * Returns the pool as it was left (null when the entry was already gone).
 */
export async function settle(models: SeatModels, entry: JournalEntry, poolId: Types.ObjectId, delta: number) {
  const after = (await driverCollections(models).pools.findOneAndUpdate(
    { _id: poolId, 'journal.op': entry.op },
    { $pull: { journal: { op: entry.op } }, $inc: { booked: delta, seatVersion: 1 } },
    { returnDocument: 'after', projection: { closed: 1, 'journal.op': 1 } },
  )) as Pick<Pool, 'closed' | 'journal'> | null;
  if (after?.closed && after.journal.length === 0) await recount(models, poolId);
  return after;
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
  now: Date,
): Promise<Seat | null> {
  try {
    return await seats
      .findOneAndUpdate(
        { pool: poolId, status: 'waitlisted' },
        { $set: { status: 'confirmed', seatOp: op, confirmedAt: now } },
        { sort: { ticket: 1 }, returnDocument: 'after' },
      )
      .lean<Seat>();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return seats.findOne({ seatOp: op }).lean<Seat>();
  }
}

/**
 * Sets `booked` to the places of the confirmed seats when no op is in flight; returns how far
 * it was off (null when ops were in flight). The count and the write are two steps, so the
 * write is conditioned on `seatVersion`: any seat change in between bumps it and the recount is
 * skipped rather than written wrong.
 */
export async function recount({ pools, seats }: SeatModels, poolId: Types.ObjectId): Promise<number | null> {
  const pool = await pools.findById(poolId, { booked: 1, seatVersion: 1, journal: 1 }).lean<Pool>();
  if (!pool || pool.journal.length > 0) return null;
  const confirmed = await seats.find({ pool: poolId, status: 'confirmed' }, { places: 1 }).lean<Seat[]>();
  const places = confirmed.reduce((sum, seat) => sum + placesOf(seat), 0);
  if (places === pool.booked) return 0;
  const written = await pools.updateOne(
    { _id: poolId, seatVersion: pool.seatVersion, journal: { $size: 0 } },
    { $set: { booked: places }, $inc: { seatVersion: 1 } },
  );
  return written.modifiedCount === 1 ? pool.booked - places : null;
}
