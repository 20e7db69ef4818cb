import type { SweeperTask } from '../../platform/sweeper';
import { sweepStaleSeats } from '../../platform/seats/sweep';
import { announceOpening, promotionNotices } from './notices';
import { sessionSeatModels } from './seats';
import { Sessions } from './session.model';
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
 * 下期提醒: each new session (`openingDeliveredAt: null`) is fanned out to the subscribers of its
 * course and of its venue. A session is claimed with one `findOneAndUpdate`; a fan-out that dies
 * halfway is claimed again once its claim runs out, and the notifications' dedupe keys make the
 * second fan-out add only the missing ones.
 */
export const courseOpenings = {
  name: 'parent-school-openings',
  everyMs: 5_000,
  async tick(deps) {
    const now = deps.clock.now();
    let announced = 0;
    for (let n = 0; n < OPENINGS_PER_TICK; n += 1) {
      const session = await Sessions(deps.connection)
        .findOneAndUpdate(
          { openingDeliveredAt: null, $or: [{ openingClaimedUntil: null }, { openingClaimedUntil: { $lte: now } }] },
          { $set: { openingClaimedUntil: new Date(now.getTime() + OPENING_CLAIM_MS) } },
          { sort: { createdAt: 1 }, projection: { courseId: 1, venueId: 1, startsAt: 1, status: 1 } },
        )
        .lean();
      if (!session) break;
      // A session cancelled before its opening was told has nothing left to announce.
      if (session.status === 'scheduled') {
        const subscriptions = await Subscriptions(deps.connection)
          .find(
            {
              $or: [
                { target: 'course', targetId: session.courseId },
                { target: 'venue', targetId: session.venueId },
              ],
            },
            { holder: 1 },
          )
          .lean();
        const holders = [...new Map(subscriptions.map((s) => [s.holder.toHexString(), s.holder])).values()];
        await announceOpening(deps, session, holders);
        announced += 1;
      }
      await Sessions(deps.connection).updateOne({ _id: session._id }, { $set: { openingDeliveredAt: now } });
    }
    return { announced };
  },
} satisfies SweeperTask;
