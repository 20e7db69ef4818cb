import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config';
import type { Clock, Deps } from '../src/platform/deps';
import { createLogger } from '../src/platform/logger';
import { sweeperTicks } from '../src/platform/metrics';
import { startSweepers } from '../src/platform/sweeper';
import { testClock } from './support/app';

const config = loadConfig({ NODE_ENV: 'test' });
const lines: string[] = [];
const clock: Clock = testClock();
// The runner never touches the database itself; the tasks below do not either.
const deps = {
  config,
  logger: createLogger(config, { write: (line: string) => void lines.push(line) }),
  clock,
} as Deps;
// Timers are faked: time moves only when the test moves it, so every count below is exact.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('startSweepers', () => {
  it('runs each task again and again, never two ticks of one task at once, and logs a failed tick', async () => {
    let ticks = 0;
    let inFlight = 0;
    let mostAtOnce = 0;
    const sweepers = startSweepers(
      [
        {
          name: 'slow',
          everyMs: 1,
          tick: async () => {
            inFlight += 1;
            mostAtOnce = Math.max(mostAtOnce, inFlight);
            await sleep(15);
            inFlight -= 1;
            ticks += 1;
            return { done: 1 };
          },
        },
        { name: 'broken', everyMs: 5, tick: () => Promise.reject(new Error('boom')) },
      ],
      deps,
    );
    // Each slow round is 1 ms of waiting and 15 ms of work: 7 rounds end within 120 ms.
    await vi.advanceTimersByTimeAsync(120);
    expect(ticks).toBe(7);
    const stopping = sweepers.stop();
    await vi.advanceTimersByTimeAsync(15);
    await stopping;
    expect(ticks).toBe(8);
    expect(mostAtOnce).toBe(1);
    // The broken task ran every 5 ms: 24 failures, each logged.
    expect(lines.filter((line) => line.includes('"sweeper":"broken"') && line.includes('sweep failed'))).toHaveLength(
      24,
    );
    expect(lines.filter((line) => line.includes('"sweeper":"slow"') && line.includes('"done":1'))).toHaveLength(8);
  });

  it('stop waits for the tick in flight and schedules no more', async () => {
    let finished = 0;
    let started = 0;
    const sweepers = startSweepers(
      [
        {
          name: 'long',
          everyMs: 1,
          tick: async () => {
            started += 1;
            await sleep(50);
            finished += 1;
            return {};
          },
        },
      ],
      deps,
    );
    await vi.advanceTimersByTimeAsync(20);
    expect({ started, finished }).toEqual({ started: 1, finished: 0 });
    const stopping = sweepers.stop();
    await vi.advanceTimersByTimeAsync(50);
    await stopping;
    expect({ started, finished }).toEqual({ started: 1, finished: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect({ started, finished }).toEqual({ started: 1, finished: 1 });
  });

  it('counts every round in warmcity_sweeper_ticks_total by outcome, empty rounds too', async () => {
    const rounds = async (sweeper: string, outcome: string) =>
      (await sweeperTicks.get()).values.find((v) => v.labels.sweeper === sweeper && v.labels.outcome === outcome)
        ?.value ?? 0;
    let healthy = true;
    const sweepers = startSweepers(
      [
        {
          name: 'flaky',
          everyMs: 10,
          tick: () => (healthy ? Promise.resolve({}) : Promise.reject(new Error('database gone'))),
        },
      ],
      deps,
    );
    await vi.advanceTimersByTimeAsync(30);
    healthy = false;
    await vi.advanceTimersByTimeAsync(20);
    healthy = true;
    await vi.advanceTimersByTimeAsync(10);
    await sweepers.stop();
    expect({ ok: await rounds('flaky', 'ok'), failed: await rounds('flaky', 'failed') }).toEqual({ ok: 4, failed: 2 });
  });
});
