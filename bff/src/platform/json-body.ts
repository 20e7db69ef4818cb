import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { problem } from './problem';

// What the body parser (through `inflation`) can decode; anything else, a list of codings
// included, is refused before a byte is read.
const DECODABLE = new Set(['identity', 'gzip', 'deflate', 'br']);

/**
 * Parses a JSON body up to `limit`. A request without a body leaves `ctx.request.body`
 * undefined (so "no body" and "{}" stay distinguishable); any other media type is a 415 rather
 * than being silently read as an empty object. A body its `Content-Encoding` cannot decode is
 * the client's fault (400), never ours (500).
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
    const encoding = (ctx.get('Content-Encoding') || 'identity').trim().toLowerCase();
    if (!DECODABLE.has(encoding)) throw problem('UNSUPPORTED_MEDIA_TYPE');
    let parsed = false;
    try {
      await parse(ctx, () => {
        parsed = true;
        return next();
      });
    } catch (error) {
      // zlib's failures carry a numeric errno; the parser's own ones (too large, bad JSON) a status.
      if (!parsed && encoding !== 'identity' && typeof (error as { errno?: unknown }).errno === 'number') {
        throw problem('UNDECODABLE_BODY');
      }
      throw error;
    }
  };
}
