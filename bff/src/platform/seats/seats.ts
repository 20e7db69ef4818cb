import { Types, type mongo } from 'mongoose';
import { isDuplicateKey } from '../database';
import type { Clock } from '../deps';
import { ACTIVE_SEAT_STATUSES, type JournalEntry, type SeatFields, type SeatPoolFields } from './fields';
import {
  driverCollections,
  placesOf,
  promoteFirst,
  recount,
  seatModels,
  settle,
  type Pool,
  type Seat,
  type SeatModels,
} from './journal';
import { repairSeats } from './repair';

/**
 * Seats with a waitlist, kept exact without multi-document transactions.
 *
 * The counter (`booked` on the pool, in places) and the seats agree whenever the pool's journal
 * is empty: every change that moves a seat in or out of `confirmed` first announces itself in
 * the journal in the same atomic update that moves the counter, then changes the seat with an
 * update conditioned on the seat's status, then removes its journal entry with an update
 * conditioned on the entry still being there. A request that dies halfway leaves its entry
 * behind, and `repairSeats` finishes or undoes it by looking at the seats (see repair.ts).
 */

export type SeatOutcome = 'confirmed' | 'waitlisted';

/** Why a seat operation could not be done; features map these to their problem codes. */
export class SeatError extends Error {
  override name = 'SeatError';
  constructor(
    readonly reason:
      | 'already_held'
      | 'closed'
      | 'full'
      | 'too_many_places'
      | 'capacity_below_booked'
      | 'expired'
      | 'lease_expired'
      | 'abandoned',
    readonly existing?: SeatFields & { _id: Types.ObjectId },
  ) {
    super(`seat: ${reason}`);
  }
}

/** Named points between the steps of an operation; tests kill a request at one of them. */
export type SeatStep = 'take:pending' | 'claim:counted' | 'release:journaled' | 'release:cancelled' | 'fill:counted';

export interface SeatOptions {
  /** Stamps every seat and journal entry and times the lease; the request's clock. */
  readonly clock: Clock;
  /** Called after each step; throwing stops the operation there, as a crash would. After
   * `claim:counted` a returned promise is awaited, so a test can run a racing change there. */
  readonly failpoint?: (step: SeatStep) => void | Promise<void>;
  /**
   * A request gives up (instead of writing) once it has run this long, so that only ops older
   * than `REPAIR_AFTER_MS` are ever finished by someone else. The gap between the two covers a
   * write queued in the driver while the request was still inside its lease.
   */
  readonly leaseMs?: number;
  /** Told of each seat promoted from the waitlist, before its op's journal entry is removed, so
   * a request that dies in between leaves the entry for repair to tell it again (the hook must
   * therefore be safe to call twice for one seat). */
  readonly onPromoted?: (seat: Seat) => Promise<void>;
}

/** What a caller may know of a pool, e.g. from the document it already loaded. With the
 * journal, a pool a dead request left behind is repaired before it is relied on. */
export interface PoolSeen {
  capacity: number;
  booked: number;
  waitlist?: SeatPoolFields['waitlist'];
  journal?: readonly JournalEntry[];
}

export type PoolCounters = Pick<PoolSeen, 'capacity' | 'booked'>;

/** The feature's own fields of a seat or pool, as it passes them into the mechanism's writes. */
export type FeatureFields<T, TOwn> = Partial<Omit<T, keyof TOwn | '_id'>>;

export interface TakeOptions<TSeat> {
  /** The feature's fields of the new seat; called again when an insert collides on one of the
   * feature's unique indexes (e.g. a short code), so it can draw new values. */
  fields: () => FeatureFields<TSeat, SeatFields>;
  /** The seat's id, when the feature wrote something naming the seat before taking it (a
   * notification guarded on the seat's state). */
  id?: Types.ObjectId;
  /** Places the seat takes, 1 by default; more than one needs a pool without a waitlist. */
  places?: number;
  /** Makes the seat a hold: the expiry sweeper releases it then unless `convert`ed first. */
  expiresAt?: Date;
}

export const DEFAULT_LEASE_MS = 20_000;
export const REPAIR_AFTER_MS = 5 * 60_000;

/** The counter guard "`places` more still fit", for updates that read no pool first. */
const fits = (places: number) => ({ $expr: { $lte: [{ $add: ['$booked', places] }, '$capacity'] } });

/** `TSeat` is the feature's seat document (a booking), which seat reads return. */
export function createSeats<TPool extends Pool = Pool, TSeat extends Seat = Seat>(
  models: SeatModels<TPool, TSeat>,
  options: SeatOptions,
) {
  const bound = seatModels(models);
  const { pools, seats } = bound;
  const { clock } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const failpoint = options.failpoint ?? (() => {});
  const { onPromoted } = options;
  const promote = async (poolId: Types.ObjectId, op: Types.ObjectId) => {
    const seat = await promoteFirst(bound, poolId, op, clock.now());
    if (seat && onPromoted) await onPromoted(seat);
    return seat;
  };

  const lease = () => {
    const started = clock.now().getTime();
    return () => {
      if (clock.now().getTime() - started > leaseMs) throw new SeatError('lease_expired');
    };
  };

  const entry = (kind: JournalEntry['kind'], seat: Types.ObjectId | null, places = 1): JournalEntry => ({
    op: new Types.ObjectId(),
    kind,
    seat,
    places,
    at: clock.now(),
  });

  const driver = driverCollections(bound);
  /** One conditioned update of the pool's counters, returning them as it left them; a take
   * makes one to three of these. */
  const counterStep = (filter: mongo.Filter<Pool>, update: mongo.UpdateFilter<Pool>, projection: mongo.Document) =>
    driver.pools.findOneAndUpdate(filter, update, { returnDocument: 'after', projection });

  const abandon = (seatId: Types.ObjectId) =>
    seats.updateOne({ _id: seatId, status: 'pending' }, { $set: { status: 'abandoned' } });

  /** Finishes what dead requests left in this pool; true when it did (the copy is stale). */
  async function repairIfStale(pool: { _id: Types.ObjectId; journal?: readonly JournalEntry[] }): Promise<boolean> {
    const now = clock.now();
    const cutoff = now.getTime() - REPAIR_AFTER_MS;
    if (!pool.journal?.some((e) => e.at.getTime() < cutoff)) return false;
    await repairSeats(bound, pool._id, { now, onPromoted });
    return true;
  }

  /**
   * Atomically takes `places` if the pool is open and has them, and announces it in the journal.
   * `seen` is the pool as the caller last read it: a pool seen full is taken at its word (a place
   * freed since is handed out by `fill`); one seen with room is tried at once. The guard compares
   * the live counters, so a place taken or a capacity edited meanwhile costs no re-read and no
   * retry: a miss means the pool is full (or closed) now. Returns the entry (null when nothing
   * was taken), the pool as it now stands, and whether the update was tried.
   */
  async function count(
    poolId: Types.ObjectId,
    seat: Types.ObjectId,
    places: number,
    seen?: PoolSeen,
  ): Promise<{ announced: JournalEntry | null; pool: PoolSeen; tried: boolean }> {
    let pool = seen;
    if (!pool) {
      const read = await pools.findById(poolId, { capacity: 1, booked: 1, closed: 1, waitlist: 1 }).lean<Pool>();
      if (!read || read.closed) throw new SeatError('closed');
      pool = { capacity: read.capacity, booked: read.booked, waitlist: read.waitlist };
    }
    // A waitlist hands a freed place to the first in line, so its seats take one place each.
    if (places > 1 && pool.waitlist !== 'none') throw new SeatError('too_many_places');
    if (pool.booked + places > pool.capacity) return { announced: null, pool, tried: false };
    const announced = entry('claim', seat, places);
    const after = await counterStep(
      { _id: poolId, closed: false, ...fits(places) },
      { $inc: { booked: places, seatVersion: 1 }, $push: { journal: announced } },
      { capacity: 1, booked: 1 },
    );
    if (after) return { announced, pool: { ...pool, capacity: after.capacity, booked: after.booked }, tried: true };
    return { announced: null, pool: { ...pool, booked: Math.max(pool.booked, pool.capacity) }, tried: true };
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
    const after = await counterStep(
      { _id: poolId, closed: false, ...fits(1) },
      { $inc: { booked: 1, seatVersion: 1 }, $push: { journal: announced } },
      { capacity: 1, booked: 1 },
    );
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
      const seat = await promote(poolId, counted.announced.op);
      // Nobody left to promote (they cancelled meanwhile): give the place back.
      await settle(bound, counted.announced, poolId, seat ? 0 : -1);
      if (!seat) return { promoted, pool: { ...pool, booked: pool.booked - 1 } };
      promoted += 1;
    }
  }

  /** A waitlist ticket, then the seat holding it. A ticket whose seat was refused is simply
   * never used: positions are ranks. */
  async function putOnWaitlist(poolId: Types.ObjectId, holder: Types.ObjectId, take: TakeOptions<TSeat>) {
    const pool = await counterStep({ _id: poolId, closed: false }, { $inc: { waitSeq: 1 } }, { waitSeq: 1 });
    if (!pool) throw new SeatError('closed');
    return insertSeat(poolId, holder, take, null, { status: 'waitlisted', ticket: pool.waitSeq });
  }

  /**
   * Inserts a seat in `state`: pending (a `takeAny` before it knows its pool), confirmed (a take
   * whose place is counted) or waitlisted. The holder's active seat in the pool (or the group)
   * answers `already_held`. A pending seat of the holder's own request that died long ago is
   * repaired away once, then the insert is tried again.
   */
  async function insertSeat(
    poolId: Types.ObjectId,
    holder: Types.ObjectId,
    take: TakeOptions<TSeat>,
    group: Types.ObjectId | null,
    state:
      | { status: 'pending' }
      | { status: 'confirmed'; seatOp: Types.ObjectId; confirmedAt: Date }
      | { status: 'waitlisted'; ticket: number },
  ): Promise<TSeat> {
    const now = clock.now();
    for (let attempt = 0, repaired = false; ; attempt += 1) {
      // The schema's defaults, then one driver insert: a mongoose document (hydrated, validated,
      // saved, turned back into an object) cost more CPU than the insert's round trip, on the path
      // every booking takes. What is written is the mechanism's own typed fields and the
      // feature's typed `fields()` (not `castObject`, which drops the nulls the seat fields hold);
      // the unique indexes, which hold the invariants, are the database's and unchanged.
      const doc = seats.applyDefaults({
        ...take.fields(),
        _id: take.id ?? new Types.ObjectId(),
        pool: poolId,
        holder,
        group,
        places: take.places ?? 1,
        expiresAt: take.expiresAt ?? null,
        ...state,
        createdAt: now,
      }) as TSeat;
      try {
        await seats.collection.insertOne(doc);
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {};
        if ('holder' in pattern || attempt >= 4) {
          const existing = await seats
            .findOne({ holder, status: { $in: ACTIVE_SEAT_STATUSES }, ...(group ? { group } : { pool: poolId }) })
            .lean<Seat>();
          const dead = existing?.status === 'pending' && existing.createdAt.getTime() < now.getTime() - REPAIR_AFTER_MS;
          if (!dead || repaired) throw new SeatError('already_held', existing ?? undefined);
          await repairSeats(bound, existing.pool, { now, onPromoted });
          repaired = true;
        }
      }
    }
  }

  /**
   * The seat of a take whose place is counted, written confirmed: it never exists unconfirmed,
   * which saves the pending insert and the confirm of a two-step take. A request that dies
   * before this write leaves a claim with no seat, which repair gives back; one that writes
   * late cannot, since it gave up at its lease (see `leaseMs`) long before repair looks.
   */
  async function insertCounted(
    poolId: Types.ObjectId,
    holder: Types.ObjectId,
    take: TakeOptions<TSeat>,
    announced: JournalEntry,
  ): Promise<TSeat> {
    await failpoint('claim:counted');
    const seat = await insertSeat(poolId, holder, take, null, {
      status: 'confirmed',
      seatOp: announced.op,
      confirmedAt: clock.now(),
    }).catch(async (error: unknown) => {
      if (!(error instanceof SeatError)) throw error;
      // Already theirs: the place goes back, to whoever joined the waitlist meanwhile first.
      await settle(bound, announced, poolId, -placesOf(announced));
      await fill(poolId);
      throw error;
    });
    const pool = await settle(bound, announced, poolId, 0);
    if (pool?.closed) {
      // Closed between our count and our insert: the close cancelled every seat but this one.
      await seats.updateOne(
        { _id: seat._id, status: 'confirmed' },
        { $set: { status: 'cancelled', cancelledAt: clock.now() } },
      );
      await recount(bound, poolId);
      throw new SeatError('closed');
    }
    return seat;
  }

  /** The confirm step of a counted take; the place is given back if repair gave up on the seat. */
  async function confirm(seatId: Types.ObjectId, poolId: Types.ObjectId, announced: JournalEntry): Promise<TSeat> {
    failpoint('claim:counted');
    try {
      const confirmed = await seats
        .findOneAndUpdate(
          { _id: seatId, status: 'pending' },
          { $set: { status: 'confirmed', pool: poolId, seatOp: announced.op, confirmedAt: clock.now() } },
          { returnDocument: 'after' },
        )
        .lean<TSeat>();
      if (confirmed) {
        await settle(bound, announced, poolId, 0);
        return confirmed;
      }
    } catch (error) {
      // `takeAny` moved the seat to a pool where the holder already holds one.
      if (!isDuplicateKey(error)) throw error;
      await abandon(seatId);
      await settle(bound, announced, poolId, -placesOf(announced));
      throw new SeatError('already_held');
    }
    // Repair gave up on this seat while we were slow, or the pool closed: undo our increment.
    await settle(bound, announced, poolId, -placesOf(announced));
    const now = await seats.findById(seatId, { status: 1 }).lean<Seat>();
    throw new SeatError(now?.status === 'cancelled' ? 'closed' : 'abandoned');
  }

  /**
   * Cancels a seat, or expires a hold that is due (`due`: the time its hold must have expired
   * by). A confirmed seat's place goes to the first person waiting, in ticket order, or back to
   * the pool. Returns the seat as it now stands and whether this call is the one that let it go.
   */
  async function letGo(
    seatId: Types.ObjectId,
    set: FeatureFields<TSeat, SeatFields>,
    due: Date | null,
    still: FeatureFields<TSeat, SeatFields> = {},
  ): Promise<{ seat: TSeat | null; released: boolean }> {
    const withinLease = lease();
    const seat = await seats.findById(seatId).lean<Seat>();
    if (!seat) return { seat: null, released: false };
    const only = { ...(due ? { expiresAt: { $lte: due } } : {}), ...still };
    const cancel = { ...set, status: due ? 'expired' : 'cancelled', cancelledAt: clock.now() };
    let released = false;

    if (seat.status === 'waitlisted' || seat.status === 'pending') {
      if (due && (!seat.expiresAt || seat.expiresAt > due)) return { seat: seat as TSeat, released };
      const done = await seats.updateOne({ _id: seatId, status: seat.status, ...only }, { $set: cancel });
      if (done.modifiedCount !== 1) {
        const now = await seats.findById(seatId, { status: 1 }).lean<Seat>();
        // The feature's condition refused it: nothing to let go.
        if (now?.status === seat.status) return { seat: await seats.findById(seatId).lean<TSeat>(), released };
        // It moved on meanwhile (promoted, most likely): start over with what it is now.
        return letGo(seatId, set, due, still);
      }
      released = true;
    } else if (seat.status === 'confirmed') {
      if (due && (!seat.expiresAt || seat.expiresAt > due)) return { seat: seat as TSeat, released };
      const announced = entry('release', seatId, placesOf(seat));
      await pools.updateOne({ _id: seat.pool }, { $push: { journal: announced }, $inc: { seatVersion: 1 } });
      failpoint('release:journaled');
      withinLease();
      const done = await seats.updateOne(
        { _id: seatId, status: 'confirmed', ...only },
        { $set: { ...cancel, releaseOp: announced.op } },
      );
      if (done.modifiedCount !== 1) {
        // Someone else let it go (or converted the hold) first; our entry announced nothing.
        await settle(bound, announced, seat.pool, 0);
      } else {
        released = true;
        failpoint('release:cancelled');
        withinLease();
        // A pool with a waitlist holds one-place seats, so the place is exactly one person's.
        const promoted = await promote(seat.pool, announced.op);
        await settle(bound, announced, seat.pool, promoted ? 0 : -placesOf(seat));
        // Someone may have joined the waitlist after we looked and before the place came back.
        if (!promoted) await fill(seat.pool);
      }
    }
    return { seat: await seats.findById(seatId).lean<TSeat>(), released };
  }

  /** Cancels a seat; returns it as it now stands (already cancelled is not an error). `still`
   * holds values the feature's own fields must still have (e.g. `checkedInAt: null`), checked in
   * the update that cancels, so a racing change of the feature's (a check-in) and the cancel
   * never both win; when they no longer hold, nothing is let go. */
  const release = async (
    seatId: Types.ObjectId,
    set: FeatureFields<TSeat, SeatFields> = {},
    still: FeatureFields<TSeat, SeatFields> = {},
  ) => (await letGo(seatId, set, null, still)).seat;

  /** Expires a hold whose time is up; true only for the one call that did. */
  const expire = async (seatId: Types.ObjectId) => (await letGo(seatId, {}, clock.now())).released;

  const api = {
    /**
     * Takes `places` for `holder`: confirmed if they are free; otherwise a waitlist ticket, or
     * `full` on a pool without a waitlist. `seen` is the pool as the caller loaded it, if it did.
     */
    async take(
      poolId: Types.ObjectId,
      holder: Types.ObjectId,
      take: TakeOptions<TSeat>,
      loaded?: PoolSeen,
    ): Promise<{ seat: TSeat; outcome: SeatOutcome; pool: PoolCounters }> {
      const withinLease = lease();
      const places = take.places ?? 1;
      const seen = loaded && (await repairIfStale({ _id: poolId, journal: loaded.journal })) ? undefined : loaded;
      // Refused on the caller's own read, before anything is written.
      if (seen?.waitlist === 'none' && seen.booked + places > seen.capacity) throw new SeatError('full');
      if (seen && places > 1 && seen.waitlist !== 'none') throw new SeatError('too_many_places');

      const seatId = take.id ?? new Types.ObjectId();
      const own = { ...take, id: seatId };
      withinLease();
      const { announced, pool, tried } = await count(poolId, seatId, places, seen);
      if (announced) {
        withinLease();
        return { seat: await insertCounted(poolId, holder, own, announced), outcome: 'confirmed', pool };
      }
      if (pool.waitlist === 'none') {
        // The update missed: full, or closed since the caller looked.
        const closed = tried && (await pools.exists({ _id: poolId, closed: true }));
        throw new SeatError(closed ? 'closed' : 'full');
      }

      withinLease();
      const waiting = await putOnWaitlist(poolId, holder, own);
      // A place may have been freed between our full read and our ticket; nobody else would see it.
      const filled = await fill(poolId, true);
      const after = filled.promoted > 0 ? await seats.findById(seatId).lean<TSeat>() : waiting;
      if (!after) throw new SeatError('abandoned');
      return {
        seat: after,
        outcome: after.status === 'confirmed' ? 'confirmed' : 'waitlisted',
        pool: filled.pool ?? pool,
      };
    },

    /** A take that expires at `expiresAt` unless converted (a charging reservation's grace). */
    hold(poolId: Types.ObjectId, holder: Types.ObjectId, take: TakeOptions<TSeat> & { expiresAt: Date }) {
      return api.take(poolId, holder, take);
    },

    /**
     * Takes one place in whichever of `poolIds` has room, in one conditioned update, never
     * waitlisted: `full` when none has. `group` names the set (a site): the holder has at most one
     * active seat in it, whichever pool, by a unique index.
     */
    async takeAny(
      poolIds: readonly Types.ObjectId[],
      holder: Types.ObjectId,
      take: TakeOptions<TSeat> & { group: Types.ObjectId },
    ): Promise<{ seat: TSeat; pool: Types.ObjectId }> {
      const [first] = poolIds;
      if (!first) throw new SeatError('full');
      const withinLease = lease();
      const places = take.places ?? 1;
      // The seat names the first pool until a place is counted; its confirm names the real one.
      const seat = await insertSeat(first, holder, take, take.group, { status: 'pending' });
      failpoint('take:pending');
      withinLease();
      const announced = entry('claim', seat._id, places);
      const counted = await pools
        .findOneAndUpdate(
          { _id: { $in: poolIds }, closed: false, ...fits(places) },
          { $inc: { booked: places, seatVersion: 1 }, $push: { journal: announced } },
          { projection: { _id: 1 } },
        )
        .lean<Pick<Pool, '_id'>>();
      if (!counted) {
        await abandon(seat._id);
        throw new SeatError('full');
      }
      withinLease();
      return { seat: await confirm(seat._id, counted._id, announced), pool: counted._id };
    },

    /** Ends a hold's expiry: the seat is kept for good. `expired` once its time has passed. */
    async convert(seatId: Types.ObjectId, set: FeatureFields<TSeat, SeatFields> = {}): Promise<TSeat> {
      const converted = await seats
        .findOneAndUpdate(
          { _id: seatId, status: 'confirmed', expiresAt: { $gt: clock.now() } },
          { $set: { ...set, expiresAt: null } },
          { returnDocument: 'after' },
        )
        .lean<TSeat>();
      if (converted) return converted;
      const seat = await seats.findById(seatId).lean<TSeat>();
      if (seat?.status === 'confirmed' && seat.expiresAt === null) return seat;
      throw new SeatError('expired');
    },

    release,
    expire,

    /**
     * Changes capacity (and `set`, the feature's other pool fields, in the same update, so a
     * refusal writes nothing); never below the places taken. More places promote people waiting.
     */
    async setCapacity(
      poolId: Types.ObjectId,
      capacity: number,
      set: FeatureFields<TPool, SeatPoolFields> = {},
    ): Promise<void> {
      const result = await pools.updateOne(
        { _id: poolId, booked: { $lte: capacity } },
        { $set: { ...set, capacity }, $inc: { seatVersion: 1 } },
      );
      if (result.matchedCount !== 1) throw new SeatError('capacity_below_booked');
      await fill(poolId);
    },

    /**
     * Closes the pool for good and cancels every active seat. `poolSet`/`seatSet` carry the
     * feature's own fields (status, reason) into the same updates. A take counted before the
     * close finds its pending seat cancelled and gives its place back; whoever finishes last
     * on the closed pool (this call or such an op) recounts it, so nothing here waits.
     */
    async close(
      poolId: Types.ObjectId,
      poolSet: FeatureFields<TPool, SeatPoolFields>,
      seatSet: FeatureFields<TSeat, SeatFields>,
    ): Promise<number> {
      await pools.updateOne({ _id: poolId }, { $set: { ...poolSet, closed: true }, $inc: { seatVersion: 1 } });
      const cancelled = await seats.updateMany(
        { pool: poolId, status: { $in: ACTIVE_SEAT_STATUSES } },
        { $set: { ...seatSet, status: 'cancelled', cancelledAt: clock.now() } },
      );
      await recount(bound, poolId);
      return cancelled.modifiedCount;
    },

    /** 1-based rank among the people still waiting; null unless waitlisted. */
    async position(seat: Pick<Seat, 'pool' | 'status' | 'ticket'>): Promise<number | null> {
      if (seat.status !== 'waitlisted' || seat.ticket === null) return null;
      const ahead = await driver.seats.countDocuments({
        pool: seat.pool,
        status: 'waitlisted',
        ticket: { $lt: seat.ticket },
      });
      return ahead + 1;
    },

    repairIfStale,
    fill,
  };
  return api;
}

export type Seats<TPool extends Pool = Pool, TSeat extends Seat = Seat> = ReturnType<typeof createSeats<TPool, TSeat>>;
