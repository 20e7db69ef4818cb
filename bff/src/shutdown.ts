import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { closeServer } from './server';

export interface ShutdownPlan {
  readonly server: Server;
  readonly logger: Logger;
  /** How long in-flight requests may take before their connections are cut. */
  readonly graceMs: number;
  /** Run in order once the server has stopped: the connection pool, then devdb. */
  readonly then: readonly (() => Promise<unknown>)[];
}

/**
 * The SIGTERM/SIGINT path: stop accepting, let in-flight requests finish, then release
 * resources. Calling it again (a second Ctrl-C) returns the same promise.
 */
export function createShutdown(plan: ShutdownPlan): (reason: string) => Promise<void> {
  let done: Promise<void> | undefined;
  return (reason) => {
    done ??= (async () => {
      plan.logger.info({ reason }, 'shutting down');
      await closeServer(plan.server, plan.graceMs);
      for (const step of plan.then) await step();
      plan.logger.info('shut down');
    })();
    return done;
  };
}
