import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

// A caller's id is kept so a trace spans the proxy and the BFF, but only if it cannot smuggle
// anything into the logs: a bounded token with no long digit runs (phone or ID numbers).
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;
const LONG_DIGITS = /\d{11}/;

export const requestId: Middleware = async (ctx, next) => {
  const incoming = ctx.get('X-Request-Id');
  const id = SANE.test(incoming) && !LONG_DIGITS.test(incoming) ? incoming : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  await next();
};
