const BASE_MS = 30_000;
const CAP_MS = 6 * 3600_000;

/**
 * "Full jitter" exponential backoff: a random wait up to base·2^(attempt-1), capped, so the
 * retries of a platform outage spread out instead of arriving together when it recovers.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.max(1_000, Math.floor(random() * ceiling));
}
