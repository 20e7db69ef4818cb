import type { Types } from 'mongoose';
import type { JournalEntry } from './fields';
import { promoteFirst, settle, type Seat, type SeatModels } from './journal';
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
export async function repairSeats(
  models: SeatModels,
  poolId: Types.ObjectId,
  {
    now,
    staleMs = REPAIR_AFTER_MS,
    onPromoted,
  }: { now: Date; staleMs?: number; onPromoted?: SeatOptions['onPromoted'] },
): Promise<RepairReport> {
  const { pools, seats } = models;
  const report: RepairReport = { finished: 0, abandoned: 0, drift: null };
  const cutoff = new Date(now.getTime() - staleMs);

  const pool = await pools.findById(poolId, { journal: 1 }).lean();
  if (!pool) return report;

  const finishWith = async (op: Types.ObjectId, delta: 0 | -1) => {
    if (await settle(models, poolId, op, delta)) report.finished += 1;
  };
  const holderOf = (op: Types.ObjectId) => seats.exists({ seatOp: op });
  // A dead request may have promoted someone without telling them; telling twice is harmless
  // (the hook dedupes), never telling is not.
  const tell = async (seat: Seat | null) => {
    if (seat && onPromoted) await onPromoted(seat);
    return seat;
  };
  const promotedBy = async (op: Types.ObjectId) => tell(await seats.findOne({ seatOp: op }).lean<Seat>());

  const finish = async ({ op, kind, seat }: JournalEntry) => {
    if (kind === 'claim' || kind === 'fill') {
      if (kind === 'fill' ? await promotedBy(op) : await holderOf(op)) return finishWith(op, 0);
      if (kind === 'claim' && seat) {
        // The counter moved for this seat but it was never confirmed: confirm it now, since the
        // person was promised that place; if it was cancelled meanwhile, give the place back.
        const confirmed = await seats.updateOne(
          { _id: seat, status: 'pending' },
          { $set: { status: 'confirmed', seatOp: op, confirmedAt: new Date() } },
        );
        return finishWith(op, confirmed.modifiedCount === 1 ? 0 : -1);
      }
      const promoted = await tell(await promoteFirst(models, poolId, op));
      return finishWith(op, promoted ? 0 : -1);
    }
    const released = seat ? await seats.findById(seat, { status: 1, releaseOp: 1 }).lean() : null;
    // The request died before cancelling: nothing happened, nothing to undo.
    if (!released || !released.releaseOp?.equals(op)) return finishWith(op, 0);
    if (await promotedBy(op)) return finishWith(op, 0);
    const promoted = await tell(await promoteFirst(models, poolId, op));
    return finishWith(op, promoted ? 0 : -1);
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

  await createSeats(models, { onPromoted }).fill(poolId);
  report.drift = await recount(models, poolId);
  return report;
}

/**
 * Sets `booked` to the number of confirmed seats when no op is in flight. The count and the
 * write are two steps, so the write is conditioned on `seatVersion`: any seat change in between
 * bumps it and the recount is skipped rather than written wrong.
 */
async function recount({ pools, seats }: SeatModels, poolId: Types.ObjectId): Promise<number | null> {
  const pool = await pools.findById(poolId, { booked: 1, seatVersion: 1, journal: 1 }).lean();
  if (!pool || pool.journal.length > 0) return null;
  const confirmed = await seats.countDocuments({ pool: poolId, status: 'confirmed' });
  if (confirmed === pool.booked) return 0;
  const written = await pools.updateOne(
    { _id: poolId, seatVersion: pool.seatVersion, journal: { $size: 0 } },
    { $set: { booked: confirmed }, $inc: { seatVersion: 1 } },
  );
  return written.modifiedCount === 1 ? pool.booked - confirmed : null;
}
