import autocannon from 'autocannon';

export interface BurstRequest {
  /** Overrides the burst's method for this request, so one burst can mix reads and writes. */
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface Burst {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly requests: number;
  /** Transport errors and timeouts: requests that got no answer at all. */
  readonly unanswered: number;
  /** Transport errors, timeouts and non-2xx answers. */
  readonly failed: number;
}

/** `amount` requests over `connections` keep-alive connections; `request(n)` builds the n-th
 * (so each can carry its own resident's token) and `onResponse` sees each answer. `context` is one object per request, the same one for its
 * `request` and its `onResponse`, so a caller can tell which answer belongs to which request. */
export async function burst(
  url: string,
  options: {
    readonly connections: number;
    readonly amount: number;
    readonly method?: 'GET' | 'POST';
    /** Seconds before a request counts as timed out (autocannon's default is 10). */
    readonly timeout?: number;
    readonly request: (n: number, context: Record<string, unknown>) => BurstRequest;
    readonly onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  },
): Promise<Burst> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    amount: options.amount,
    ...(options.timeout ? { timeout: options.timeout } : {}),
    requests: [
      {
        method: options.method ?? 'POST',
        setupRequest: (request, context) => {
          const built = options.request(next++, context as Record<string, unknown>);
          return { ...request, ...built, headers: { ...request.headers, ...built.headers } };
        },
        onResponse: options.onResponse
          ? (status, body, context) => options.onResponse!(status, body, context as Record<string, unknown>)
          : undefined,
      },
    ],
  });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    unanswered: result.errors + result.timeouts,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/** Opens the server's database connections before anything is measured (a GET that reaches
 * the database, at the burst's concurrency), so no p99 is a pool's first handshakes. */
export async function warm(url: string, connections: number): Promise<void> {
  await autocannon({ url, connections, amount: connections * 20 });
}

/** The figures every scenario prints: the real route, its yardstick, the bare Koa hello, and
 * `ratio = rps / ceiling_rps`. */
export function compared(real: Burst, ceiling: Burst, baselineRps: number) {
  return {
    rps: real.rps,
    p50_ms: real.p50_ms,
    p99_ms: real.p99_ms,
    ceiling_rps: ceiling.rps,
    ceiling_p50_ms: ceiling.p50_ms,
    ceiling_p99_ms: ceiling.p99_ms,
    baseline_rps: baselineRps,
    ratio: Number((real.rps / ceiling.rps).toFixed(3)),
  };
}
