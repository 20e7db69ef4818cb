import cors from '@koa/cors';
import type { Middleware } from 'koa';

/** CORS only for the Taro H5 dev server; the demo serves the H5 app from this origin and needs
 * none. Tokens travel in the Authorization header, so credentials (cookies) stay off. */
export function corsFor(origins: readonly string[]): Middleware {
  return cors({
    origin: (ctx) => (origins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'Location'],
    maxAge: 600,
  });
}
