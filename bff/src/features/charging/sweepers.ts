import type { SweeperTask } from '../../platform/sweeper';
import { expireHolds, sweepStaleSeats } from '../../platform/seats/sweep';
import { finishSession, settleOrder } from './billing';
import { Charges, type Charge } from './charge.model';
import { tellExpired } from './notices';
import { portSeatModels } from './seats';

// Bounds one tick, so a backlog is worked off over several ticks instead of one long one.
const PER_TICK = 200;

/**
 * No-shows: holds past their grace period are released (each release conditioned on the seat
 * still holding, so racing instances release it once), then every expired charge not yet told
 * is told (the notice's dedupe key makes a second telling a no-op) and marked told.
 */
export const chargingHoldExpiry = {
  name: 'charging-hold-expiry',
  everyMs: 10_000,
  async tick(deps) {
    const { expired } = await expireHolds(portSeatModels(deps.connection), deps.clock);
    const untold = await Charges(deps.connection)
      .find({ status: 'expired', noShowToldAt: null }, { holder: 1 })
      .limit(PER_TICK)
      .lean<Pick<Charge, '_id' | 'holder'>[]>();
    for (const charge of untold) {
      await tellExpired(deps, charge);
      await Charges(deps.connection).updateOne(
        { _id: charge._id, noShowToldAt: null },
        { $set: { noShowToldAt: deps.clock.now() } },
      );
    }
    return { expired, told: untold.length };
  },
} satisfies SweeperTask;

/**
 * Sessions at the site's maximum length stop, billed up to exactly that length however late the
 * tick runs; sessions whose stop died before their order was created get it. Both are
 * conditioned writes (the seats release, the order keyed by the charge), so instances may race.
 */
export const chargingSessionLimits = {
  name: 'charging-session-limits',
  everyMs: 15_000,
  async tick(deps) {
    const now = deps.clock.now();
    const due = await Charges(deps.connection)
      .find({ stopsBy: { $lte: now }, status: 'confirmed' })
      .limit(PER_TICK)
      .lean<Charge[]>();
    for (const charge of due) await finishSession(deps, charge, { at: charge.stopsBy ?? now, reason: 'max_length' });
    // Give a stop in flight a minute to create its own order first.
    const unbilled = await Charges(deps.connection)
      .find({ orderDueAt: { $lte: new Date(now.getTime() - 60_000) } })
      .limit(PER_TICK)
      .lean<Charge[]>();
    for (const charge of unbilled) await settleOrder(deps, charge);
    return { stopped: due.length, ordered: unbilled.length };
  },
} satisfies SweeperTask;

/** Ports nobody touches still get their counters healed after a request died halfway. */
export const chargingSeatRepair = {
  name: 'charging-seat-repair',
  everyMs: 60_000,
  tick: (deps) => sweepStaleSeats(portSeatModels(deps.connection), deps.clock.now()),
} satisfies SweeperTask;
