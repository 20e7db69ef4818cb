import type { SweeperTask } from '../../platform/sweeper';
import { sweepStaleSeats } from '../../platform/seats/sweep';
import { repairUncounted } from './counters';
import { visitSeatModels } from './visit-seats';

/** Tributes whose request died between insert and count reach their totals within minutes. */
export const tributeCountRepair = {
  name: 'memorial-tribute-count-repair',
  everyMs: 60_000,
  tick: (deps) => repairUncounted(deps.connection, deps.clock),
} satisfies SweeperTask;

/** Slots nobody books or cancels in still get their counters healed after a request died halfway. */
export const visitSeatRepair = {
  name: 'memorial-visit-seat-repair',
  everyMs: 60_000,
  tick: (deps) => sweepStaleSeats(visitSeatModels(deps.connection), deps.clock.now()),
} satisfies SweeperTask;
