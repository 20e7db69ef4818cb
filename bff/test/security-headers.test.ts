import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../src/platform/security-headers';
import { serve } from '../src/server';

async function headersIn(nodeEnv: 'production' | 'development') {
  const app = new Koa().use(securityHeaders({ NODE_ENV: nodeEnv })).use((ctx) => {
    ctx.body = { ok: true };
  });
  const { server, url } = await serve(app, { port: 0, host: '127.0.0.1' });
  try {
    return (await fetch(url)).headers;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe('security headers', () => {
  it('pins HTTPS with HSTS in production only', async () => {
    expect((await headersIn('production')).get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect((await headersIn('development')).get('strict-transport-security')).toBeNull();
  });

  it('forbids sniffing, framing and referrers, and any active content in API answers', async () => {
    const headers = await headersIn('production');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });
});
