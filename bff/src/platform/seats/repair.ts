import type { Types } from 'mongoose';
import type { JournalEntry } from './fields';
import { placesOf, promoteFirst, recount, seatModels, settle, type Pool, type Seat, type SeatModels } from './journal';
import { createSeats, REPAIR_AFTER_MS, type SeatOptions } from './seats';

export interface RepairReport {
  /** Journal entries of dead requests, finished or undone. */
  finished: number;
  /** Pending seats of dead requests that never reached the counter, given up. */
  abandoned: number;
  /** How far the counter was off when recounted from the seats (0 when it agreed, null when
   * requests were still in flight and the recount was left for later). */
  drift: number | null;
}

/**
 * Finishes what requests that died halfway left behind in one pool, then recounts `booked` from
 * the seats. Safe to run at any time and from any number of instances: only entries older than
 * `staleMs` before `now` (far beyond any request's lease) are touched, every step is conditioned on the state
 * it expects, and the recount only writes if nothing moved while it counted.
 */
export async function repairSeats<TPool extends Pool, TSeat extends Seat>(
  featureModels: SeatModels<TPool, TSeat>,
  poolId: Types.ObjectId,
  {
    now,
    staleMs = REPAIR_AFTER_MS,
    onPromoted,
  }: { now: Date; staleMs?: number; onPromoted?: SeatOptions['onPromoted'] },
): Promise<RepairReport> {
  const models = seatModels(featureModels);
  const { pools, seats } = models;
  const report: RepairReport = { finished: 0, abandoned: 0, drift: null };
  const cutoff = new Date(now.getTime() - staleMs);

  const pool = await pools.findById(poolId, { journal: 1 }).lean();
  if (!pool) return report;

  const holderOf = (op: Types.ObjectId) => seats.exists({ seatOp: op });
  // A dead request may have promoted someone and died before telling them; the hook dedupes, so
  // telling again is harmless and never telling is what this prevents.
  const tell = async (seat: Seat | null) => {
    if (seat && onPromoted) await onPromoted(seat);
    return seat !== null;
  };
  const promotedBy = async (op: Types.ObjectId) => tell(await seats.findOne({ seatOp: op }).lean<Seat>());
  const promote = async (op: Types.ObjectId) => tell(await promoteFirst(models, poolId, op, now));

  const finish = async (entry: JournalEntry) => {
    const { op, kind, seat } = entry;
    const finishWith = async (kept: boolean) => {
      if (await settle(models, entry, poolId, kept ? 0 : -placesOf(entry))) report.finished += 1;
    };
    if (kind === 'claim' || kind === 'fill') {
      if (kind === 'fill' ? await promotedBy(op) : await holderOf(op)) return finishWith(true);
      if (kind === 'claim' && seat) {
        // The counter moved for this seat but it was never confirmed. A `takeAny` seat waits
        // pending: confirm it, since the person was promised that place. A take writes its seat
        // only once counted, so there is none: its request died first, and the place goes back
        // (as it does for a pending seat cancelled meanwhile).
        const confirmed = await seats.updateOne(
          { _id: seat, status: 'pending' },
          // `takeAny` names the pool only when it confirms.
          { $set: { status: 'confirmed', pool: poolId, seatOp: op, confirmedAt: now } },
        );
        return finishWith(confirmed.modifiedCount === 1);
      }
      return finishWith(await promote(op));
    }
    const released = seat ? await seats.findById(seat, { status: 1, releaseOp: 1 }).lean() : null;
    // The request died before cancelling: nothing happened, nothing to undo.
    if (!released || !released.releaseOp?.equals(op)) return finishWith(true);
    if (await promotedBy(op)) return finishWith(true);
    return finishWith(await promote(op));
  };

  for (const stale of pool.journal.filter((e) => e.at < cutoff)) await finish(stale);

  // Pending seats that no journal entry speaks for never reached the counter.
  const referenced = new Set(pool.journal.map((e) => String(e.seat)));
  const pending = await seats.find({ pool: poolId, status: 'pending', createdAt: { $lt: cutoff } }, { _id: 1 }).lean();
  for (const { _id } of pending) {
    if (referenced.has(String(_id))) continue;
    const gaveUp = await seats.updateOne({ _id, status: 'pending' }, { $set: { status: 'abandoned' } });
    report.abandoned += gaveUp.modifiedCount;
  }

  await createSeats(models, { clock: { now: () => now }, onPromoted }).fill(poolId);
  report.drift = await recount(models, poolId);
  return report;
}
