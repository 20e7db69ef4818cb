import { Types } from 'mongoose';
import { isDuplicateKey } from '../database';
import { ACTIVE_SEAT_STATUSES, type JournalEntry, type SeatFields } from './fields';
import { promoteFirst, settle, type Pool, type Seat, type SeatModels } from './journal';

/**
 * Seats with a waitlist, kept exact without multi-document transactions.
 *
 * The counter (`booked` on the pool) and the seats agree whenever the pool's journal is empty:
 * every change that moves a seat in or out of `confirmed` first announces itself in the journal
 * in the same atomic update that moves the counter, then changes the seat with an update
 * conditioned on the seat's status, then removes its journal entry with an update conditioned on
 * the entry still being there. A request that dies halfway leaves its entry behind, and
 * `repairSeats` finishes or undoes it by looking at the seats (see repair.ts).
 */

export type SeatOutcome = 'confirmed' | 'waitlisted';

/** Why a seat operation could not be done; features map these to their problem codes. */
export class SeatError extends Error {
  override name = 'SeatError';
  constructor(
    readonly reason: 'already_held' | 'closed' | 'capacity_below_booked' | 'lease_expired' | 'abandoned',
    readonly existing?: SeatFields & { _id: Types.ObjectId },
  ) {
    super(`seat: ${reason}`);
  }
}

/** Named points between the steps of an operation; tests kill a request at one of them. */
export type SeatStep = 'take:pending' | 'claim:counted' | 'release:journaled' | 'release:cancelled' | 'fill:counted';

export interface SeatOptions {
  /** Called after each step; throwing stops the operation there, as a crash would. */
  readonly failpoint?: (step: SeatStep) => void;
  /**
   * A request gives up (instead of writing) once it has run this long, so that only ops older
   * than `REPAIR_AFTER_MS` are ever finished by someone else. The gap between the two covers a
   * write queued in the driver while the request was still inside its lease.
   */
  readonly leaseMs?: number;
  /** Told of each seat promoted from the waitlist, before its op's journal entry is removed,
   * so a request that dies in between leaves the entry for repair to tell it again. */
  readonly onPromoted?: (seat: Seat) => Promise<void>;
}

/** What a caller may know of a pool's counters, e.g. from the document it already loaded. */
export interface PoolCounters {
  capacity: number;
  booked: number;
}

export const DEFAULT_LEASE_MS = 20_000;
export const REPAIR_AFTER_MS = 5 * 60_000;

// Enough for a run of staff capacity edits racing one booking; each retry re-reads the pool.
const MAX_CLAIM_ATTEMPTS = 8;

/** `TSeat` is the feature's seat document (a booking), which seat reads return. */
export function createSeats<TSeat extends Seat = Seat>(bound: SeatModels, options: SeatOptions = {}) {
  const { pools, seats } = bound;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const failpoint = options.failpoint ?? (() => {});
  const tellPromoted = async (seat: Seat | null) => {
    if (seat && options.onPromoted) await options.onPromoted(seat);
    return seat;
  };

  const lease = () => {
    const started = performance.now();
    return () => {
      if (performance.now() - started > leaseMs) throw new SeatError('lease_expired');
    };
  };

  const entry = (kind: JournalEntry['kind'], seat: Types.ObjectId | null): JournalEntry => ({
    op: new Types.ObjectId(),
    kind,
    seat,
    at: new Date(),
  });

  /**
   * Atomically takes one place if the pool is open and has one, and announces it in the journal.
   * `seen` is the pool as the caller last read it: a pool seen full is taken at its word (a place
   * freed since is handed out by `fill`), one seen with room is tried without reading it again.
   * Returns the entry (null when full) and the pool's counters as they now stand.
   */
  async function count(
    poolId: Types.ObjectId,
    seat: Types.ObjectId,
    seen?: PoolCounters,
  ): Promise<{ announced: JournalEntry | null; pool: PoolCounters }> {
    let pool = seen;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      if (!pool) {
        const read = await pools.findById(poolId, { capacity: 1, booked: 1, closed: 1 }).lean<Pool>();
        if (!read || read.closed) throw new SeatError('closed');
        pool = { capacity: read.capacity, booked: read.booked };
      }
      if (pool.booked >= pool.capacity) return { announced: null, pool };
      const announced = entry('claim', seat);
      // Capacity is part of the guard so a concurrent capacity edit makes this miss and re-read.
      const after = await pools
        .findOneAndUpdate(
          { _id: poolId, closed: false, capacity: pool.capacity, booked: { $lt: pool.capacity } },
          { $inc: { booked: 1, seatVersion: 1 }, $push: { journal: announced } },
          { returnDocument: 'after', projection: { capacity: 1, booked: 1 } },
        )
        .lean<Pool>();
      if (after) return { announced, pool: { capacity: after.capacity, booked: after.booked } };
      pool = undefined;
    }
    return { announced: null, pool: pool ?? { capacity: 0, booked: 0 } };
  }

  /**
   * `fill`'s counter step: the guard compares the live counters, so a full or closed pool (the
   * usual case) costs one round trip instead of a read and a write, and a capacity edit in
   * between needs no retry. The counters are unknown (null) when no place was taken.
   */
  async function countFree(
    poolId: Types.ObjectId,
  ): Promise<{ announced: JournalEntry; pool: PoolCounters } | { announced: null; pool: null }> {
    const announced = entry('fill', null);
    const after = await pools
      .findOneAndUpdate(
        { _id: poolId, closed: false, $expr: { $lt: ['$booked', '$capacity'] } },
        { $inc: { booked: 1, seatVersion: 1 }, $push: { journal: announced } },
        { returnDocument: 'after', projection: { capacity: 1, booked: 1 } },
      )
      .lean<Pool>();
    return after
      ? { announced, pool: { capacity: after.capacity, booked: after.booked } }
      : { announced: null, pool: null };
  }

  /**
   * Promotes people from the waitlist while places are free; returns how many moved up and the
   * pool's counters as last seen. `someoneWaits` skips the check when the caller just joined.
   */
  async function fill(
    poolId: Types.ObjectId,
    someoneWaits = false,
  ): Promise<{ promoted: number; pool: PoolCounters | null }> {
    let promoted = 0;
    let pool: PoolCounters | null = null;
    for (let first = true; ; first = false) {
      if (!(first && someoneWaits) && !(await seats.exists({ pool: poolId, status: 'waitlisted' })))
        return { promoted, pool };
      const counted = await countFree(poolId);
      if (!counted.announced) return { promoted, pool };
      pool = counted.pool;
      failpoint('fill:counted');
      const seat = await tellPromoted(await promoteFirst(bound, poolId, counted.announced.op));
      // Nobody left to promote (they cancelled meanwhile): give the place back.
      await settle(bound, poolId, counted.announced.op, seat ? 0 : -1);
      if (!seat) return { promoted, pool: { ...pool, booked: pool.booked - 1 } };
      promoted += 1;
    }
  }

  async function putOnWaitlist(poolId: Types.ObjectId, seatId: Types.ObjectId): Promise<TSeat> {
    const pool = await pools
      .findOneAndUpdate(
        { _id: poolId, closed: false },
        { $inc: { waitSeq: 1 } },
        { returnDocument: 'after', projection: { waitSeq: 1 } },
      )
      .lean<Pool>();
    if (!pool) {
      await seats.updateOne({ _id: seatId, status: 'pending' }, { $set: { status: 'abandoned' } });
      throw new SeatError('closed');
    }
    // A ticket whose seat was abandoned meanwhile is simply never used: positions are ranks.
    const waiting = await seats
      .findOneAndUpdate(
        { _id: seatId, status: 'pending' },
        { $set: { status: 'waitlisted', ticket: pool.waitSeq } },
        { returnDocument: 'after' },
      )
      .lean<TSeat>();
    if (!waiting) throw new SeatError('abandoned');
    return waiting;
  }

  /**
   * Cancels a seat. A confirmed seat's place goes to the first person waiting, in ticket order,
   * or back to the pool. Returns the seat as it now stands (already cancelled is not an error).
   */
  async function release(seatId: Types.ObjectId, set: Record<string, unknown> = {}): Promise<TSeat | null> {
    const withinLease = lease();
    const seat = await seats.findById(seatId).lean<Seat>();
    if (!seat) return null;
    const cancel = { ...set, status: 'cancelled', cancelledAt: new Date() };

    if (seat.status === 'waitlisted' || seat.status === 'pending') {
      const done = await seats.updateOne({ _id: seatId, status: seat.status }, { $set: cancel });
      // It moved on meanwhile (promoted, most likely): start over with what it is now.
      if (done.modifiedCount !== 1) return release(seatId, set);
    } else if (seat.status === 'confirmed') {
      const announced = entry('release', seatId);
      await pools.updateOne({ _id: seat.pool }, { $push: { journal: announced }, $inc: { seatVersion: 1 } });
      failpoint('release:journaled');
      withinLease();
      const done = await seats.updateOne(
        { _id: seatId, status: 'confirmed' },
        { $set: { ...cancel, releaseOp: announced.op } },
      );
      if (done.modifiedCount !== 1) {
        // Someone else cancelled it first; our entry announced nothing.
        await settle(bound, seat.pool, announced.op, 0);
      } else {
        failpoint('release:cancelled');
        withinLease();
        const next = await tellPromoted(await promoteFirst(bound, seat.pool, announced.op));
        await settle(bound, seat.pool, announced.op, next ? 0 : -1);
        // Someone may have joined the waitlist after we looked and before the place came back.
        if (!next) await fill(seat.pool);
      }
    }
    return (await seats.findById(seatId).lean()) as TSeat;
  }

  return {
    /**
     * Takes a place for `holder`: confirmed if one is free, otherwise a waitlist ticket. `fields`
     * are the feature's own fields of the new seat; it is called again when an insert collides
     * on one of the feature's unique indexes (e.g. a short code), so it can draw new values.
     */
    async take(
      poolId: Types.ObjectId,
      holder: Types.ObjectId,
      fields: () => Record<string, unknown>,
      seen?: PoolCounters,
    ): Promise<{ seat: TSeat; outcome: SeatOutcome; pool: PoolCounters }> {
      const withinLease = lease();
      let seat: Seat | undefined;
      for (let attempt = 0; !seat; attempt += 1) {
        try {
          const created = await seats.create({
            ...fields(),
            pool: poolId,
            holder,
            status: 'pending',
            createdAt: new Date(),
          });
          seat = created.toObject() as Seat;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {};
          if ('holder' in pattern || attempt >= 4) {
            const existing = await seats
              .findOne({ pool: poolId, holder, status: { $in: ACTIVE_SEAT_STATUSES } })
              .lean<Seat>();
            throw new SeatError('already_held', existing ?? undefined);
          }
        }
      }
      failpoint('take:pending');

      withinLease();
      const { announced, pool } = await count(poolId, seat._id, seen).catch(async (error: unknown) => {
        if (error instanceof SeatError)
          await seats.updateOne({ _id: seat._id, status: 'pending' }, { $set: { status: 'abandoned' } });
        throw error;
      });
      if (announced) {
        failpoint('claim:counted');
        withinLease();
        const confirmed = await seats
          .findOneAndUpdate(
            { _id: seat._id, status: 'pending' },
            { $set: { status: 'confirmed', seatOp: announced.op, confirmedAt: new Date() } },
            { returnDocument: 'after' },
          )
          .lean<TSeat>();
        if (!confirmed) {
          // Repair gave up on this seat while we were slow: undo our increment, exactly once.
          await settle(bound, poolId, announced.op, -1);
          throw new SeatError('abandoned');
        }
        await settle(bound, poolId, announced.op, 0);
        return { seat: confirmed, outcome: 'confirmed', pool };
      }

      withinLease();
      const waiting = await putOnWaitlist(poolId, seat._id);
      // A place may have been freed between our full read and our ticket; nobody else would see it.
      const filled = await fill(poolId, true);
      const after = filled.promoted > 0 ? await seats.findById(seat._id).lean<TSeat>() : waiting;
      if (!after) throw new SeatError('abandoned');
      return {
        seat: after,
        outcome: after.status === 'confirmed' ? 'confirmed' : 'waitlisted',
        pool: filled.pool ?? pool,
      };
    },

    release,

    /** Changes capacity; never below the places taken. More places promote people waiting. */
    async setCapacity(poolId: Types.ObjectId, capacity: number): Promise<void> {
      const result = await pools.updateOne(
        { _id: poolId, booked: { $lte: capacity } },
        { $set: { capacity }, $inc: { seatVersion: 1 } },
      );
      if (result.matchedCount !== 1) throw new SeatError('capacity_below_booked');
      await fill(poolId);
    },

    /**
     * Closes the pool for good and cancels every active seat. `poolSet`/`seatSet` carry the
     * feature's own fields (status, reason) into the same updates.
     */
    async close(
      poolId: Types.ObjectId,
      poolSet: Record<string, unknown>,
      seatSet: Record<string, unknown>,
    ): Promise<number> {
      await pools.updateOne({ _id: poolId }, { $set: { ...poolSet, closed: true }, $inc: { seatVersion: 1 } });
      const cancel = { $set: { ...seatSet, status: 'cancelled', cancelledAt: new Date() } };
      const first = await seats.updateMany({ pool: poolId, status: { $in: ACTIVE_SEAT_STATUSES } }, cancel);
      // A booking that was between its counter step and its confirm step when the pool closed
      // confirms after the sweep above; wait for such ops to finish and sweep once more.
      await waitForEmptyJournal(bound, poolId, 2_000);
      const second = await seats.updateMany({ pool: poolId, status: { $in: ACTIVE_SEAT_STATUSES } }, cancel);
      return first.modifiedCount + second.modifiedCount;
    },

    /** 1-based rank among the people still waiting; null unless waitlisted. */
    async position(seat: Pick<Seat, 'pool' | 'status' | 'ticket'>): Promise<number | null> {
      if (seat.status !== 'waitlisted' || seat.ticket === null) return null;
      const ahead = await seats.countDocuments({ pool: seat.pool, status: 'waitlisted', ticket: { $lt: seat.ticket } });
      return ahead + 1;
    },

    fill,
  };
}

async function waitForEmptyJournal({ pools }: SeatModels, poolId: Types.ObjectId, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const pool = await pools.findById(poolId, { journal: 1 }).lean<Pool>();
    if (!pool || pool.journal.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
