import type { SweeperTask } from '../../platform/sweeper';
import { sweepStaleSeats } from '../../platform/seats/sweep';
import { sessionSeatModels } from './seats';

/** Sessions nobody touches (a quiet afternoon, a cancelled course) still get their counters
 * healed within a couple of minutes of a request dying halfway. */
export const sessionSeatRepair = {
  name: 'parent-school-seat-repair',
  everyMs: 60_000,
  tick: (deps) => sweepStaleSeats(sessionSeatModels(deps.connection), deps.clock.now()),
} satisfies SweeperTask;
