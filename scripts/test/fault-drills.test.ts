import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashDrill, lossDrill, type BurstSize } from '../fault/drills';
import { startStack, type Stack } from '../fault/stack';
import { crashFailures, lossFailures } from '../fault/verdict';

// The short form of the fault drills (the full form: `pnpm --filter @warmcity/scripts fault all`).
// Real processes: devdb journalling to disk and the BFF, each its own process, killed with
// SIGKILL or stopped with SIGSTOP. Every assertion is on what was answered and what is stored,
// never on how fast; the only times are bounds after which a request counts as hung.
const size: BurstSize = { bookings: 50, capacity: 25, charges: 24, ports: 10, concurrency: 8 };
const KILL_AFTER = 16;
// A database that hangs is noticed within the driver's heartbeat and hello timeout (3 s) and
// the request fails one server selection later (5 s), so 10 s shows answers while it is away.
const LOSS_MS = Number(process.env.FAULT_LOSS_MS ?? 10_000);
// Process starts on a loaded machine: each drill restarts devdb, the BFF or both.
const DRILL_TIMEOUT_MS = 180_000;

// One stack for the three drills, each on a session and a site of its own: starting it is most of
// a drill's time.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, DRILL_TIMEOUT_MS);
afterAll(() => stack?.close(), DRILL_TIMEOUT_MS);

describe('fault drills (short form)', () => {
  it.each(['bff-crash', 'db-crash'] as const)(
    '%s mid-burst: every 201 is stored, counters agree, no port twice, and retries create nothing',
    async (drill) => {
      const report = await crashDrill(drill, size, KILL_AFTER, stack);
      expect(crashFailures(report, size)).toEqual([]);
      expect(report.violations).toEqual([]);
      expect(report.stored).toMatchObject({ confirmed: size.capacity, booked: size.capacity, reserved: size.ports });
      expect(report.retry).toEqual({ stored: report.stored, changedAnswers: 0 });
      // Every request was answered in the end, and every one that was told 201 is in the database.
      const settled = Object.values(report.settled).reduce((sum, n) => sum + n, 0);
      expect(settled).toBe(size.bookings + size.charges);
      expect(report.acknowledged.bookings).toBeGreaterThan(0);
    },
    DRILL_TIMEOUT_MS,
  );

  it(
    'the database hangs for a while: 503 problems while away, /readyz red, then back by itself',
    async () => {
      const report = await lossDrill('hang', size, LOSS_MS, stack);
      expect(lossFailures(report, size)).toEqual([]);
      expect(report).toMatchObject({ hung: 0, notProblem503: 0, bffAlive: true, recovered: true, violations: [] });
      expect(Object.keys(report.duringLoss)).toEqual(['503 DATABASE_UNAVAILABLE']);
      expect(report.sweeperRounds.okAfterRecovery).toBeGreaterThan(0);
    },
    DRILL_TIMEOUT_MS,
  );
});
