import type { Logger } from 'pino';
import type { Deps } from './deps';
import { sweeperTicks } from './metrics';

/**
 * Background work that any number of BFF instances run side by side (DESIGN.md: sweepers claim
 * their work with `findOneAndUpdate`), so a tick must be safe to run anywhere at any time.
 */
export interface SweeperTask {
  readonly name: string;
  readonly everyMs: number;
  /** One round: claim what is due, do it, report what was done (logged when not empty). */
  readonly tick: (deps: Deps) => Promise<Record<string, number>>;
}

export interface Sweepers {
  /** Stops scheduling and waits for ticks in flight, so the pool can close under none. */
  stop(): Promise<void>;
}

export function startSweepers(tasks: readonly SweeperTask[], deps: Deps): Sweepers {
  const loops = tasks.map((task) => loop(task, deps));
  return { stop: async () => void (await Promise.all(loops.map((stop) => stop()))) };
}

function loop(task: SweeperTask, deps: Deps): () => Promise<void> {
  const logger: Logger = deps.logger.child({ sweeper: task.name });
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  // The next tick is scheduled when the previous one ends, so a slow tick never overlaps itself.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, task.everyMs);
    // A pending tick must not keep a process alive that has nothing else to do.
    timer.unref();
  };
  const run = () => {
    running = task
      .tick(deps)
      .then(
        (report) => {
          sweeperTicks.inc({ sweeper: task.name, outcome: 'ok' });
          if (Object.values(report).some((n) => n > 0)) logger.info(report, 'swept');
        },
        (error: unknown) => {
          sweeperTicks.inc({ sweeper: task.name, outcome: 'failed' });
          logger.error({ err: error }, 'sweep failed');
        },
      )
      .finally(() => {
        running = null;
        schedule();
      });
  };

  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
