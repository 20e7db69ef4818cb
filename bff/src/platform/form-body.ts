import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { problem } from './problem';

/**
 * Parses an `application/x-www-form-urlencoded` body up to `limit`, for the one kind of route
 * that receives one (a payment platform's callback). Anything else is a 415 before a byte is
 * read. Repeated or bracketed keys come out as arrays or objects, which the route's strict
 * schema of plain text fields refuses.
 */
export function formBody(limit: string): Middleware {
  const parse = bodyParser({ enableTypes: ['form'], formLimit: limit, parsedMethods: ['POST'] });
  return async (ctx, next) => {
    if (!ctx.is('application/x-www-form-urlencoded')) throw problem('UNSUPPORTED_MEDIA_TYPE');
    if ((ctx.get('Content-Encoding') || 'identity').trim().toLowerCase() !== 'identity') {
      throw problem('UNSUPPORTED_MEDIA_TYPE');
    }
    await parse(ctx, next);
  };
}
