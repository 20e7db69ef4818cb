import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { problem } from './problem';

/**
 * Parses a JSON body up to `limit`. A request without a body leaves `ctx.request.body`
 * undefined (so "no body" and "{}" stay distinguishable); any other media type is a 415 rather
 * than being silently read as an empty object.
 */
export function jsonBody(limit: string): Middleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limit,
    jsonStrict: true,
    parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  });
  return async (ctx, next) => {
    const hasBody = ctx.get('Transfer-Encoding') !== '' || Number(ctx.get('Content-Length') || 0) > 0;
    if (!hasBody) return next();
    if (!ctx.is('json')) throw problem('UNSUPPORTED_MEDIA_TYPE');
    return parse(ctx, next);
  };
}
