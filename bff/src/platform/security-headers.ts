import type { Middleware } from 'koa';
import type { Config } from '../config';

// API answers are data, never documents: nothing in them may run, load or be framed. The H5
// page replaces this policy with its own (see h5-app.ts).
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(config: Pick<Config, 'NODE_ENV'>): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Content-Security-Policy', API_CSP);
    // Only production is behind TLS; HSTS on a plain-HTTP dev host would pin localhost to HTTPS.
    if (config.NODE_ENV === 'production') ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // API answers carry tokens and personal data: no cache keeps them unless an operation
    // declares itself cacheable in the contract (bind.ts then replaces this).
    if (ctx.path === '/api' || ctx.path.startsWith('/api/')) ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
