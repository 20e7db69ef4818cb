import type { SweeperTask } from '../../platform/sweeper';
import { sweepStaleSeats } from '../../platform/seats/sweep';
import { announceOpening, promotionNotices } from './notices';
import { Openings } from './opening.model';
import { sessionSeatModels } from './seats';
import { Subscriptions } from './subscription.model';

/** Sessions nobody touches (a quiet afternoon, a cancelled course) still get their counters
 * healed within a couple of minutes of a request dying halfway. */
export const sessionSeatRepair = {
  name: 'parent-school-seat-repair',
  everyMs: 60_000,
  tick: (deps) => sweepStaleSeats(sessionSeatModels(deps.connection), deps.clock.now(), promotionNotices(deps)),
} satisfies SweeperTask;

const OPENING_CLAIM_MS = 5 * 60_000;
const OPENINGS_PER_TICK = 20;

/**
 * 下期提醒: each new session is fanned out to the subscribers of its course and of its venue.
 * An opening is claimed with one `findOneAndUpdate`; one that dies halfway is claimed again once
 * its claim runs out, and the notifications' dedupe keys make the second fan-out add only the
 * missing ones.
 */
export const courseOpenings = {
  name: 'parent-school-openings',
  everyMs: 5_000,
  async tick(deps) {
    const now = deps.clock.now();
    let announced = 0;
    for (let n = 0; n < OPENINGS_PER_TICK; n += 1) {
      const opening = await Openings(deps.connection)
        .findOneAndUpdate(
          { deliveredAt: null, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }] },
          { $set: { claimedUntil: new Date(now.getTime() + OPENING_CLAIM_MS) } },
          { sort: { createdAt: 1 } },
        )
        .lean();
      if (!opening) break;
      const subscriptions = await Subscriptions(deps.connection)
        .find(
          {
            $or: [
              { target: 'course', targetId: opening.courseId },
              { target: 'venue', targetId: opening.venueId },
            ],
          },
          { holder: 1 },
        )
        .lean();
      const holders = [...new Map(subscriptions.map((s) => [s.holder.toHexString(), s.holder])).values()];
      await announceOpening(deps, opening, holders);
      await Openings(deps.connection).updateOne({ _id: opening._id }, { $set: { deliveredAt: now } });
      announced += 1;
    }
    return { announced };
  },
} satisfies SweeperTask;
