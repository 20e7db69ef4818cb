// Resource samples from a benchmark's server processes, for the soak. A server started with
// BENCH_SAMPLE_MS sends one sample every that many milliseconds to its parent over IPC; nothing
// of this runs in production, where the servers are started by main.ts, not by serve.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Sample {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly rss_mb: number;
  readonly heap_mb: number;
  /** The 99th percentile of the event loop's delay over the interval since the last sample. */
  readonly loop_p99_ms: number;
}

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

export function startSampling(intervalMs: number, send: (sample: Sample) => void): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    send({
      at: Date.now(),
      rss_mb: mb(rss),
      heap_mb: mb(heapUsed),
      loop_p99_ms: Number((delay.percentile(99) / 1e6).toFixed(1)),
    });
    delay.reset();
  }, intervalMs).unref();
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
};

/** A rise smaller than this is a garbage collector's sawtooth or a pool filling up, not a leak. */
export const GROWTH = { fraction: 0.1, mb: 5 } as const;

/**
 * Whether a series keeps growing: the first third of the samples is the warm-up (JIT, pools,
 * caches filling), and the median of the last third is compared with the middle third's. Growth
 * that levels off after the warm-up leaves the two equal; a leak leaves the last third higher by
 * more than GROWTH.fraction and `floor` (GROWTH.mb for a series in MB) both.
 */
export function keepsGrowing(values: readonly number[], floor: number = GROWTH.mb): boolean {
  if (values.length < 6) return false;
  const third = Math.floor(values.length / 3);
  const middle = median(values.slice(third, 2 * third));
  const last = median(values.slice(2 * third));
  return last - middle > Math.max(floor, middle * GROWTH.fraction);
}

/** Start, middle, end and maximum of a series, for the JSON line. */
export function summary(values: readonly number[]) {
  return {
    start: values[0] ?? 0,
    mid: values[Math.floor(values.length / 2)] ?? 0,
    end: values.at(-1) ?? 0,
    max: values.length === 0 ? 0 : Math.max(...values),
  };
}
