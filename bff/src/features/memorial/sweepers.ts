import type { SweeperTask } from '../../platform/sweeper';
import { repairUncounted } from './counters';

/** Tributes whose request died between insert and count reach their totals within minutes. */
export const tributeCountRepair = {
  name: 'memorial-tribute-count-repair',
  everyMs: 60_000,
  tick: (deps) => repairUncounted(deps.connection, deps.clock),
} satisfies SweeperTask;
