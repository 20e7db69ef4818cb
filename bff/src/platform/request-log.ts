import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/**
 * One line per request. Only the route pattern is logged, never the path, query or body: those
 * carry ids, phone numbers and names. 5xx lines carry the error the client never sees.
 */
export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const line = {
        reqId: ctx.state.requestId,
        method: ctx.method,
        route: ctx.state.route ?? null,
        status: ctx.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId: ctx.state.user?.id ?? null,
      };
      if (ctx.state.error !== undefined) logger.error({ ...line, err: ctx.state.error }, 'request failed');
      else logger.info(line, 'request');
    }
  };
}
