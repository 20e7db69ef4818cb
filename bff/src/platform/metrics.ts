import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry per process: Prometheus scrapes each BFF instance on its own and sums them, and
// the process metrics (heap, event-loop lag, handles) belong to the process, not to an app.
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

// Labelled by the contract's operation id, never the URL: ids and codes in paths would make a
// series per object. Requests no operation matched (static files, unknown paths) share one label.
const labelNames = ['operation', 'status_class'] as const;
const requests = new Counter({
  name: 'warmcity_http_requests_total',
  help: 'HTTP requests answered, by operation and status class',
  labelNames,
  registers: [metricsRegistry],
});
const duration = new Histogram({
  name: 'warmcity_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by operation and status class',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Sweeper rounds by outcome: an operator sees a sweeper that stopped succeeding (a lost
 * database) and one that resumed, without a log line per empty round. */
export const sweeperTicks = new Counter({
  name: 'warmcity_sweeper_ticks_total',
  help: 'Background sweeper rounds, by sweeper and outcome (ok or failed)',
  labelNames: ['sweeper', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** Payment events someone must look at (`platform/payments/alerts.ts`), by kind: an alert rule
 * on any increase pages an operator; the log line beside each names the order. */
export const paymentAlerts = new Counter({
  name: 'warmcity_payment_alerts_total',
  help: 'Payment alerts (amount mismatch, paid after close, unsigned notification or answer), by alert',
  labelNames: ['alert'] as const,
  registers: [metricsRegistry],
});

/** What became of each push the delivery workers finished, by outcome: an alert on `dead` tells an
 * operator pushes are being given up (the admin list of dead letters names them). */
export const notificationPushes = new Counter({
  name: 'warmcity_notification_pushes_total',
  help: 'Pushes finished by the delivery workers, by outcome (sent, retried, refused, dead, skipped, voided)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** Counts and times every request; sits outside the problem middleware so it sees final statuses. */
export const requestMetrics: Middleware = async (ctx, next) => {
  const end = duration.startTimer();
  try {
    await next();
  } finally {
    const labels = {
      operation: ctx.state.operationId ?? 'unmatched',
      status_class: `${Math.floor(ctx.status / 100)}xx`,
    };
    requests.inc(labels);
    end(labels);
  }
};

// Digests have equal lengths, so the comparison takes the same time whatever was sent.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the Authorization header carries the metrics token; never when none is configured. */
export function metricsTokenMatches(expected: string | undefined, authorization: string | undefined): boolean {
  if (!expected || !authorization?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(expected));
}
