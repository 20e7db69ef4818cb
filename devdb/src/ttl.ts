import type { Engine } from './engine';
import { stats } from './stats';

/**
 * mongod's TTL monitor: a periodic pass that deletes documents whose indexed date is older than
 * expireAfterSeconds. It goes through the engine so deletions are journaled like any command.
 */
export function startTtlMonitor(engine: Engine, intervalMs: number): { stop(): void } {
  const timer = setInterval(() => {
    void engine.expire(Date.now()).then((n) => {
      stats.ttlDeleted += n;
    });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
