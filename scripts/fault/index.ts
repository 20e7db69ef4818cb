// `pnpm --filter @warmcity/scripts fault <bff-crash|db-crash|db-loss|all> [--mode hang|gone]`:
// the fault drills at full size (docs/operations.md, "Fault drills"). devdb (journal on disk) and
// the BFF run as their own processes; each drill prints one JSON report and the process exits 1
// when an invariant broke. The short form runs in the test suite (scripts/test/fault-drills.test.ts).
import { crashDrill, lossDrill, type BurstSize } from './drills';
import { startStack } from './stack';
import { crashFailures, lossFailures } from './verdict';

const size: BurstSize = { bookings: 1200, capacity: 800, charges: 400, ports: 17, concurrency: 50 };
// Half way through the burst.
const KILL_AFTER = 800;
const LOSS_MS = 10_000;

const drill = process.argv[2];
const modeArg = process.argv.indexOf('--mode');
const mode = modeArg > 0 ? process.argv[modeArg + 1] : 'hang';
if (!['bff-crash', 'db-crash', 'db-loss', 'all'].includes(drill ?? '') || (mode !== 'hang' && mode !== 'gone')) {
  console.error('usage: fault bff-crash|db-crash|db-loss|all [--mode hang|gone]');
  process.exit(2);
}

let failed = false;
const report = (name: string, result: object, failures: string[]) => {
  console.log(JSON.stringify({ ...result, failures }));
  if (failures.length > 0) {
    console.error(`${name}: ${failures.join('; ')}`);
    failed = true;
  }
};
const stack = await startStack();
try {
  for (const crash of ['bff-crash', 'db-crash'] as const) {
    if (drill !== crash && drill !== 'all') continue;
    const result = await crashDrill(crash, size, KILL_AFTER, stack);
    report(crash, result, crashFailures(result, size));
  }
  if (drill === 'db-loss' || drill === 'all') {
    const result = await lossDrill(mode, size, LOSS_MS, stack);
    report('db-loss', result, lossFailures(result, size));
  }
} finally {
  await stack.close();
}
process.exitCode = failed ? 1 : 0;
