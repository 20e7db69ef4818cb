import type { Clock } from '../deps';
import { seatModels, type Pool, type Seat, type SeatModels } from './journal';
import { repairSeats } from './repair';
import { createSeats, REPAIR_AFTER_MS, type SeatOptions } from './seats';

/**
 * How long a sweeper owns a pool it claimed. Far longer than a repair takes, so two instances
 * never repair the same pool at once; it is also the wait before a pool whose repair failed is
 * tried again, which is why the claim is left to expire rather than released.
 */
export const REPAIR_CLAIM_MS = 60_000;

// Bounds one tick, so a backlog is worked off over several ticks instead of one long one.
const POOLS_PER_SWEEP = 20;

export type SeatSweepReport = { pools: number; finished: number; abandoned: number };

/**
 * Repairs pools that hold a journal entry of a request that died halfway, without waiting for
 * someone to book, cancel or open the roster there. Each pool is claimed with one atomic update
 * (`repairClaimedUntil`), so any number of sweepers can run this concurrently.
 */
export async function sweepStaleSeats<TPool extends Pool, TSeat extends Seat>(
  featureModels: SeatModels<TPool, TSeat>,
  now: Date,
  onPromoted?: SeatOptions['onPromoted'],
): Promise<SeatSweepReport> {
  const models = seatModels(featureModels);
  const report: SeatSweepReport = { pools: 0, finished: 0, abandoned: 0 };
  const stale = new Date(now.getTime() - REPAIR_AFTER_MS);
  for (let n = 0; n < POOLS_PER_SWEEP; n += 1) {
    const claimed = await models.pools
      .findOneAndUpdate(
        { 'journal.at': { $lt: stale }, $or: [{ repairClaimedUntil: null }, { repairClaimedUntil: { $lte: now } }] },
        { $set: { repairClaimedUntil: new Date(now.getTime() + REPAIR_CLAIM_MS) } },
        { projection: { _id: 1 } },
      )
      .lean<Pick<Pool, '_id'>>();
    if (!claimed) break;
    const repaired = await repairSeats(models, claimed._id, { now, onPromoted });
    report.pools += 1;
    report.finished += repaired.finished;
    report.abandoned += repaired.abandoned;
  }
  return report;
}

// Bounds one expiry tick the same way.
const HOLDS_PER_SWEEP = 200;

/**
 * Releases holds whose time has passed (status `expired`), their places going to whoever waits.
 * Any number of sweepers may run this at once: each release is conditioned on the seat still
 * being confirmed, so a hold is released exactly once and the losers change nothing.
 */
export async function expireHolds<TPool extends Pool, TSeat extends Seat>(
  featureModels: SeatModels<TPool, TSeat>,
  clock: Clock,
  onPromoted?: SeatOptions['onPromoted'],
): Promise<{ expired: number }> {
  const models = seatModels(featureModels);
  const due = await models.seats
    .find({ expiresAt: { $lte: clock.now() }, status: { $in: ['confirmed', 'waitlisted'] } }, { _id: 1 })
    .limit(HOLDS_PER_SWEEP)
    .lean<Pick<Seat, '_id'>[]>();
  const seats = createSeats(models, { clock, onPromoted });
  let expired = 0;
  for (const { _id } of due) if (await seats.expire(_id)) expired += 1;
  return { expired };
}
