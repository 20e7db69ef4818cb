import autocannon from 'autocannon';

export interface BurstRequest {
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface Burst {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  /** Transport errors, timeouts and non-2xx answers. */
  readonly failed: number;
}

/** `amount` requests over `connections` keep-alive connections; `request(n)` builds the n-th
 * (so each can carry its own resident's token) and `onResponse` sees each answer. */
export async function burst(
  url: string,
  options: {
    readonly connections: number;
    readonly amount: number;
    readonly method?: 'GET' | 'POST';
    /** Seconds before a request counts as timed out (autocannon's default is 10). */
    readonly timeout?: number;
    readonly request: (n: number) => BurstRequest;
    readonly onResponse?: (status: number, body: string) => void;
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
        setupRequest: (request) => {
          const built = options.request(next++);
          return { ...request, ...built, headers: { ...request.headers, ...built.headers } };
        },
        onResponse: options.onResponse ? (status, body) => options.onResponse!(status, body) : undefined,
      },
    ],
  });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
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
