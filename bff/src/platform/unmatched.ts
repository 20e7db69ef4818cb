import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { problem } from './problem';

/** After the router: a known path with another method is 405 with `Allow` (an OPTIONS request
 * just gets the `Allow`); anything else goes on to the H5 app and then to `routeNotFound`. */
export function methodNotAllowed(router: Router): Middleware {
  return async (ctx, next) => {
    const allowed = new Set(router.match(ctx.path, ctx.method).path.flatMap((layer) => layer.methods));
    if (allowed.size === 0) return next();
    ctx.set('Allow', [...allowed].join(', '));
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    throw problem('METHOD_NOT_ALLOWED');
  };
}

export const routeNotFound: Middleware = () => {
  throw problem('ROUTE_NOT_FOUND');
};
