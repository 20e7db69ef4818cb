import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/platform/deps';
import { systemClock } from '../src/platform/deps';
import { createLogger } from '../src/platform/logger';
import { startSweepers } from '../src/platform/sweeper';

const config = loadConfig({ NODE_ENV: 'test' });
const lines: string[] = [];
// The runner never touches the database itself; the tasks below do not either.
const deps = {
  config,
  logger: createLogger(config, { write: (line: string) => void lines.push(line) }),
  clock: systemClock,
} as Deps;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startSweepers', () => {
  it('runs each task again and again, never two ticks of one task at once, and logs a failed tick', async () => {
    let ticks = 0;
    let inFlight = 0;
    let overlapped = false;
    const sweepers = startSweepers(
      [
        {
          name: 'slow',
          everyMs: 1,
          tick: async () => {
            inFlight += 1;
            overlapped ||= inFlight > 1;
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
    await sleep(120);
    await sweepers.stop();
    expect(ticks).toBeGreaterThan(2);
    expect(overlapped).toBe(false);
    expect(lines.some((line) => line.includes('"sweeper":"broken"') && line.includes('sweep failed'))).toBe(true);
    expect(lines.some((line) => line.includes('"sweeper":"slow"') && line.includes('"done":1'))).toBe(true);
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
    await sleep(20);
    await sweepers.stop();
    expect(finished).toBe(started);
    await sleep(30);
    expect(started).toBe(finished);
  });
});
