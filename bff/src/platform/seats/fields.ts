import { Schema, type Types } from 'mongoose';

/**
 * The fields the seats mechanism keeps on a "pool" (a class session, a visit slot) and on each
 * "seat" (a booking). A feature adds them to its own schemas, so a booking is one document and
 * the counter lives on the document the capacity belongs to.
 */

export const SEAT_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'expired', 'abandoned'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

/** Statuses that count as "holding a place"; one per holder per pool. */
export const ACTIVE_SEAT_STATUSES: readonly SeatStatus[] = ['pending', 'confirmed', 'waitlisted'];

/**
 * A change to the counter that is not finished yet. It is written in the same atomic update as
 * the counter change it announces, so whoever finds it can tell, by looking at the seats, whether
 * the request that wrote it got to the end, and finish or undo it exactly once.
 * - `claim`: `booked` was incremented for `seat` (a pending booking) which is to be confirmed.
 * - `fill`: `booked` was incremented for whoever is first on the waitlist.
 * - `release`: `seat` is being cancelled; its place goes to the first on the waitlist, or
 *   `booked` is decremented when nobody waits.
 * The seat that ends up holding the place records the op as its `seatOp` (unique), which is what
 * makes "promoted exactly once" hold even if two parties try to finish the same op.
 */
export interface JournalEntry {
  op: Types.ObjectId;
  kind: 'claim' | 'fill' | 'release';
  seat: Types.ObjectId | null;
  /** Places the op moves; absent on entries written before seats had a quantity (one place). */
  places?: number;
  at: Date;
}

/** `fifo`: a full pool hands out waitlist tickets; `none`: a full pool refuses (`full`). */
export type WaitlistMode = 'fifo' | 'none';

export interface SeatPoolFields {
  /** In places, like `booked`. */
  capacity: number;
  waitlist: WaitlistMode;
  /** Places held by confirmed seats (a seat holds `places`) plus those announced by unfinished `claim`/`fill` ops. */
  booked: number;
  /** Waitlist tickets handed out so far; tickets order the waitlist, positions are ranks. */
  waitSeq: number;
  /** Bumped by every change that can move a seat in or out of `confirmed`; a recount only
   * writes its result if nothing moved while it counted. */
  seatVersion: number;
  closed: boolean;
  journal: JournalEntry[];
  /** Until when a background sweeper owns this pool's repair (see sweep.ts). */
  repairClaimedUntil: Date | null;
}

export interface SeatFields {
  pool: Types.ObjectId;
  holder: Types.ObjectId;
  status: SeatStatus;
  /** How many places the seat takes (a visitor and companions); 1 unless the feature says. */
  places: number;
  /** A hold: released by the expiry sweeper at this time unless converted first. */
  expiresAt: Date | null;
  /** Set by `takeAny`: one active seat per holder per group (a charging site's ports). */
  group: Types.ObjectId | null;
  ticket: number | null;
  seatOp: Types.ObjectId | null;
  releaseOp: Types.ObjectId | null;
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

const journalEntrySchema = new Schema<JournalEntry>(
  {
    op: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['claim', 'fill', 'release'], required: true },
    seat: { type: Schema.Types.ObjectId, default: null },
    places: { type: Number, default: 1 },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** The mechanism's fields of a pool nobody has booked yet, for seeds that upsert pools. */
export const emptyPoolCounters = (): Omit<SeatPoolFields, 'capacity' | 'waitlist'> => ({
  booked: 0,
  waitSeq: 0,
  seatVersion: 0,
  closed: false,
  journal: [],
  repairClaimedUntil: null,
});

export function addSeatPoolFields(schema: Schema): void {
  schema.add({
    capacity: { type: Number, required: true, min: 0 },
    waitlist: { type: String, enum: ['fifo', 'none'], default: 'fifo' },
    booked: { type: Number, default: 0 },
    waitSeq: { type: Number, default: 0 },
    seatVersion: { type: Number, default: 0 },
    closed: { type: Boolean, default: false },
    journal: { type: [journalEntrySchema], default: [] },
    repairClaimedUntil: { type: Date, default: null },
  });
  // The repair sweeper's query: pools holding an entry older than the cut-off, not claimed now.
  // Almost every journal is empty, so this index stays small.
  schema.index({ 'journal.at': 1, repairClaimedUntil: 1 });
}

/** `pool` and `holder` name the pool and the holder's account; `poolModel` is the pool's model name. */
export function addSeatFields(schema: Schema, options: { poolModel: string }): void {
  schema.add({
    pool: { type: Schema.Types.ObjectId, ref: options.poolModel, required: true },
    holder: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: SEAT_STATUSES, required: true },
    places: { type: Number, default: 1, min: 1 },
    expiresAt: { type: Date, default: null },
    group: { type: Schema.Types.ObjectId, default: null },
    ticket: { type: Number, default: null },
    seatOp: { type: Schema.Types.ObjectId, default: null },
    releaseOp: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    confirmedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
  });
  // One active seat per holder per pool. Partial, because a unique index treats every cancelled
  // seat as a duplicate otherwise; `$in` in a partial filter needs MongoDB 6.0 or later.
  schema.index(
    { pool: 1, holder: 1 },
    {
      unique: true,
      partialFilterExpression: { status: { $in: ACTIVE_SEAT_STATUSES } },
      name: 'one_active_seat_per_holder',
    },
  );
  schema.index(
    { group: 1, holder: 1 },
    {
      unique: true,
      partialFilterExpression: { group: { $type: 'objectId' }, status: { $in: ACTIVE_SEAT_STATUSES } },
      name: 'one_active_seat_per_holder_in_group',
    },
  );
  // The expiry sweeper's query; only holds have the field set.
  schema.index({ expiresAt: 1 }, { partialFilterExpression: { expiresAt: { $type: 'date' } }, name: 'hold_expiry' });
  schema.index(
    { seatOp: 1 },
    { unique: true, partialFilterExpression: { seatOp: { $type: 'objectId' } }, name: 'one_seat_per_op' },
  );
  // Waitlist order, confirmed counts and stale pending seats are all (pool, status, ...) queries.
  schema.index({ pool: 1, status: 1, ticket: 1 });
}
