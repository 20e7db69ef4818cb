import type { Pool, SeatModels } from './journal';
import { repairSeats } from './repair';
import { REPAIR_AFTER_MS, type SeatOptions } from './seats';

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
export async function sweepStaleSeats(
  models: SeatModels,
  now: Date,
  onPromoted?: SeatOptions['onPromoted'],
): Promise<SeatSweepReport> {
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
