import { benchJwt } from '../bench/support/servers';
import { repairNow, tally, violations, type Tally } from './invariants';
import { drive, plannedCalls, seedWorld, unsettled, type Answer, type Call, type World } from './load';
import { alive, stop } from './processes';
import { startStack, type Stack } from './stack';

export interface BurstSize {
  /** Residents booking the one session, and its capacity (the rest wait). */
  readonly bookings: number;
  readonly capacity: number;
  /** Residents reserving a port at the one site, and its ports (the rest are refused). */
  readonly charges: number;
  readonly ports: number;
  readonly concurrency: number;
}

// A request still unanswered after this is a hang. Generous: on a loaded two-core machine a
// booking behind a burst's queue takes seconds, and a database that is gone takes the driver's
// serverSelectionTimeoutMS (5 s) to be reported.
export const REQUEST_TIMEOUT_MS = 30_000;

const statuses = (answers: readonly (Answer | undefined)[]) => {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const code = answer && answer.status >= 400 ? (JSON.parse(answer.text) as { code?: string }).code : undefined;
    const key = !answer
      ? 'unsent'
      : answer.status === 0
        ? 'no answer'
        : [answer.status, code].filter(Boolean).join(' ');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

/** Runs `run` on a fresh session and site, on `shared` when given (drills may follow each other
 * on one stack: each leaves it running), else on a stack of its own. */
async function withWorld<T>(
  size: BurstSize,
  shared: Stack | undefined,
  run: (stack: Stack, world: World) => Promise<T>,
): Promise<T> {
  const stack = shared ?? (await startStack());
  try {
    const deps = await stack.deps();
    const world = await seedWorld(deps.connection, deps.config, size);
    return await run(stack, world);
  } finally {
    if (!shared) await stack.close();
  }
}

export interface CrashReport {
  readonly drill: 'bff-crash' | 'db-crash';
  /** What the residents had been told when the process died (status → count; `unsent` were never sent). */
  readonly beforeKill: Record<string, number>;
  /** After the restart, everything not settled was sent again with its key. */
  readonly settled: Record<string, number>;
  readonly acknowledged: { readonly bookings: number; readonly charges: number };
  readonly repairedPools: Record<string, number>;
  readonly stored: Tally;
  readonly violations: readonly string[];
  /** Every request sent once more with its key: what changed (nothing, when the drill passes). */
  readonly retry: { readonly stored: Tally; readonly changedAnswers: number };
}

/**
 * Kills a process (`kill -9` of the BFF or of devdb) once `killAfter` answers have arrived in a
 * burst of bookings and reservations, restarts what died, runs the seat repair, settles every
 * request that got no final answer by sending it again with its key, checks the invariants, and
 * then sends every request once more to show the keys replay instead of creating.
 */
export function crashDrill(
  drill: CrashReport['drill'],
  size: BurstSize,
  killAfter: number,
  shared?: Stack,
): Promise<CrashReport> {
  return withWorld(size, shared, async (stack, world) => {
    const calls = plannedCalls(world, benchJwt, size);
    // The drill's own connection would be cut by a devdb kill; it reconnects afterwards.
    await stack.dropDeps();
    let answers = 0;
    let killed: Promise<void> | undefined;
    await drive(stack.bffUrl, calls, {
      concurrency: size.concurrency,
      timeoutMs: REQUEST_TIMEOUT_MS,
      stopSending: () => killed !== undefined,
      onAnswer: () => {
        answers += 1;
        if (answers === killAfter) killed = stop(drill === 'bff-crash' ? stack.bff : stack.db, 'SIGKILL');
      },
    });
    await killed;
    const beforeKill = statuses(calls.map((call) => call.answers.at(-1)));
    if (drill === 'db-crash') await stack.restartDb();
    await stack.restartBff();

    const deps = await stack.deps();
    const repairedPools = await repairNow(deps);
    await drive(stack.bffUrl, calls.filter(unsettled), {
      concurrency: size.concurrency,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const stored = await tally(deps.connection, world);
    const found = await violations(deps.connection, world, calls);

    const settledAnswers = calls.map((call) => call.answers.at(-1)!);
    await drive(stack.bffUrl, calls, { concurrency: size.concurrency, timeoutMs: REQUEST_TIMEOUT_MS });
    const changedAnswers = calls.filter((call, n) => {
      const [before, after] = [settledAnswers[n]!, call.answers.at(-1)!];
      return before.status !== after.status || (before.status === 201 && before.text !== after.text);
    }).length;
    const count = (kind: Call['kind']) =>
      calls.filter((call) => call.kind === kind && call.answers.some((a) => a.status === 201)).length;
    return {
      drill,
      beforeKill,
      settled: statuses(settledAnswers),
      acknowledged: { bookings: count('booking'), charges: count('charge') },
      repairedPools,
      stored,
      violations: found,
      retry: { stored: await tally(deps.connection, world), changedAnswers },
    };
  });
}

export interface LossReport {
  readonly drill: 'db-loss';
  /** `hang`: devdb stopped (SIGSTOP), its port accepts and never answers; `gone`: killed
   * (SIGKILL), the port refuses, and it is started again on the same journal. */
  readonly mode: 'hang' | 'gone';
  readonly lossMs: number;
  /** Requests answered while the database was away (status → count). */
  readonly duringLoss: Record<string, number>;
  /** Of those, answers that were not a 503 problem+json. */
  readonly notProblem503: number;
  /** The slowest of those answers: the bound a resident waits at worst. */
  readonly slowestMs: number;
  /** Requests that got no answer at all within REQUEST_TIMEOUT_MS: hangs. */
  readonly hung: number;
  readonly readyzDuringLoss: Record<string, number>;
  readonly bffAlive: boolean;
  /** /readyz answered 200 again (same BFF process), and how long after the database was back. */
  readonly recovered: boolean;
  readonly readyAfterMs: number;
  /** A burst after recovery, bookings and reservations: each answered for what it asked. */
  readonly afterRecovery: { readonly bookings: Record<string, number>; readonly charges: Record<string, number> };
  /** Sweeper rounds (all sweepers): failed while away, ok since the database came back. */
  readonly sweeperRounds: { readonly failedDuringLoss: number; readonly okAfterRecovery: number };
  readonly violations: readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sweeperRounds(stack: Stack, outcome: 'ok' | 'failed'): Promise<number> {
  const response = await fetch(`${stack.bffUrl}/metrics`, {
    headers: { authorization: `Bearer ${stack.metricsToken}` },
  });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('warmcity_sweeper_ticks_total{') && line.includes(`outcome="${outcome}"`))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const readyz = async (stack: Stack) => {
  try {
    return (await fetch(`${stack.bffUrl}/readyz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).status;
  } catch {
    return 0;
  }
};

/**
 * Takes the database away from a running BFF for `lossMs` while residents keep booking and
 * reserving, then gives it back: what they were told meanwhile, whether the BFF noticed
 * (/readyz), and whether it came back by itself, sweepers included.
 */
export function lossDrill(
  mode: LossReport['mode'],
  size: BurstSize,
  lossMs: number,
  shared?: Stack,
): Promise<LossReport> {
  return withWorld(size, shared, async (stack, world) => {
    const warmCalls = plannedCalls(world, benchJwt, { bookings: size.concurrency, charges: size.concurrency });
    await drive(stack.bffUrl, warmCalls, { concurrency: size.concurrency, timeoutMs: REQUEST_TIMEOUT_MS });
    await stack.dropDeps();
    const failedBefore = await sweeperRounds(stack, 'failed');

    if (mode === 'hang') stack.db.child.kill('SIGSTOP');
    else await stop(stack.db, 'SIGKILL');
    const lossCalls = plannedCalls(world, benchJwt, size);
    let away = true;
    const duringLoss: Answer[] = [];
    const readyzDuringLoss: number[] = [];
    const probing = (async () => {
      while (away) {
        const status = await readyz(stack);
        if (away) readyzDuringLoss.push(status);
        await sleep(500);
      }
    })();
    const sending = drive(stack.bffUrl, lossCalls, {
      concurrency: size.concurrency,
      timeoutMs: REQUEST_TIMEOUT_MS,
      stopSending: () => !away,
      onAnswer: (_, answer) => {
        if (away) duringLoss.push(answer);
      },
    });
    await sleep(lossMs);
    const failedDuringLoss = (await sweeperRounds(stack, 'failed')) - failedBefore;
    const bffAlive = alive(stack.bff);
    away = false;
    if (mode === 'hang') stack.db.child.kill('SIGCONT');
    else await stack.restartDb();
    const back = performance.now();
    await Promise.all([sending, probing]);

    const ready = async () => (await readyz(stack)) === 200;
    let recovered = await ready();
    while (!recovered && performance.now() - back < REQUEST_TIMEOUT_MS) {
      await sleep(200);
      recovered = await ready();
    }
    const readyAfterMs = Math.round(performance.now() - back);
    const okAtRecovery = await sweeperRounds(stack, 'ok');
    const afterCalls = plannedCalls(world, benchJwt, { bookings: size.concurrency, charges: size.concurrency });
    await drive(stack.bffUrl, afterCalls, { concurrency: size.concurrency, timeoutMs: REQUEST_TIMEOUT_MS });
    // The fastest sweeper (下期提醒, every 5 s) comes round within a few seconds.
    let okAfterRecovery = 0;
    for (let waited = 0; okAfterRecovery === 0 && waited < REQUEST_TIMEOUT_MS; waited += 500) {
      okAfterRecovery = (await sweeperRounds(stack, 'ok')) - okAtRecovery;
      if (okAfterRecovery === 0) await sleep(500);
    }

    const deps = await stack.deps();
    await repairNow(deps);
    const all = [...warmCalls, ...lossCalls, ...afterCalls];
    const problem503 = (a: Answer) =>
      a.status === 503 &&
      a.contentType.startsWith('application/problem+json') &&
      (JSON.parse(a.text) as { code?: string }).code === 'DATABASE_UNAVAILABLE';
    return {
      drill: 'db-loss',
      mode,
      lossMs,
      duringLoss: statuses(duringLoss),
      notProblem503: duringLoss.filter((a) => !problem503(a)).length,
      slowestMs: Math.round(Math.max(0, ...duringLoss.map((a) => a.ms))),
      hung: lossCalls.filter((call) => call.answers.some((a) => a.status === 0)).length,
      readyzDuringLoss: statuses(readyzDuringLoss.map((status) => ({ status, contentType: '', text: '{}', ms: 0 }))),
      bffAlive,
      recovered,
      readyAfterMs,
      afterRecovery: {
        bookings: statuses(afterCalls.filter((c) => c.kind === 'booking').map((c) => c.answers.at(-1))),
        charges: statuses(afterCalls.filter((c) => c.kind === 'charge').map((c) => c.answers.at(-1))),
      },
      sweeperRounds: { failedDuringLoss, okAfterRecovery },
      violations: await violations(deps.connection, world, all),
    };
  });
}
