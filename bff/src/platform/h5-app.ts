import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import { problem } from './problem';

// Taro's page template carries a small inline script (the rem sizing); it is allowed by its
// hash rather than by 'unsafe-inline'. Styles stay inline-able: Taro's components inject them.
// connect-src has blob: because Taro's H5 uploadFile reads a picked photo back from the blob:
// URL chooseImage gave it; such URLs only ever name this page's own memory.
export function h5Csp(html: string): string {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((match) => match[1] ?? '')
    .filter((code) => code.trim() !== '')
    .map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${inline.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const HASHED_ASSET = /\.[0-9a-f]{8}\.(js|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built H5 app for GET/HEAD outside /api: a file if one matches, otherwise index.html
 * so the browser-mode router can resolve deep links. A missing build is a helpful 404, not a crash.
 */
export function h5App(distDir: string): Middleware {
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isApiPath(ctx.path)) return next();
    const html = await readFile(join(distDir, 'index.html'), 'utf8').catch(() => null);
    if (html === null) {
      throw problem(
        'ROUTE_NOT_FOUND',
        'The H5 app is not built: run `npx pnpm@12.4.2 --filter @warmcity/miniapp build:h5`.',
      );
    }
    ctx.state.route = '(h5 app)';
    if (ctx.path !== '/' && ctx.path !== '/index.html') {
      try {
        // The build writes .br and .gz beside each asset and koa-send picks the best one the
        // client accepts, so a shared cache must key on Accept-Encoding. Headers go on only once
        // the file is found: a 404 must not be cached for a year.
        await send(ctx, ctx.path, {
          root: distDir,
          index: false,
          brotli: true,
          gzip: true,
          setHeaders: () => {
            ctx.vary('Accept-Encoding');
            ctx.set('Cache-Control', HASHED_ASSET.test(ctx.path) ? IMMUTABLE : 'no-cache');
          },
        });
        // koa-send leaves a directory unanswered; that falls through to the page like any route.
        if (ctx.body != null) return;
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        if (status >= 500) throw error;
        // A missing asset must not answer with the page: a script tag would parse HTML as JS.
        if (extname(ctx.path) !== '') throw problem('ROUTE_NOT_FOUND');
      }
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', h5Csp(html));
    ctx.type = 'html';
    ctx.body = html;
  };
}
