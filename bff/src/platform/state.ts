import type { SessionUser } from './session';

// What the platform middleware leaves on `ctx.state` for the ones after it (and the request log).
declare module 'koa' {
  interface DefaultState {
    requestId: string;
    /** The matched route pattern, e.g. `/api/parent-school/sessions/:id`. */
    route?: string;
    /** The matched operation's contract id, the metrics' label. */
    operationId?: string;
    user?: SessionUser;
    /** A 5xx cause, kept for the request log line. */
    error?: unknown;
  }
}
