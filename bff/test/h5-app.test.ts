import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

const rem = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const page = `<!doctype html><html><head><script>${rem}</script><link rel="stylesheet" href="/css/app.0a1b2c3d.css"></head><body><div id="app"></div><script src="/js/app.0a1b2c3d.js"></script></body></html>`;

let app: TestApp;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'warmcity-h5-'));
  await mkdir(join(dist, 'js'));
  await writeFile(join(dist, 'index.html'), page);
  await writeFile(join(dist, 'js', 'app.0a1b2c3d.js'), 'console.log("app")');
  await writeFile(join(dist, 'favicon.ico'), 'icon');
  app = await startTestApp({ env: { H5_DIST: dist } });
});
afterAll(async () => {
  await app.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the H5 app at /', () => {
  it('serves index.html with a CSP that allows its inline script by hash, not unsafe-inline', async () => {
    const response = await app.request('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toBe(page);
    const csp = response.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(rem).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for deep links of the browser-mode router', async () => {
    for (const path of ['/pages/mine/index', '/parent-school/sessions/65f0c0ffee0000000000abcd']) {
      const response = await app.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.text).toBe(page);
    }
  });

  it('serves built assets, caching content-hashed ones for a year', async () => {
    const script = await app.request('GET', '/js/app.0a1b2c3d.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    const icon = await app.request('GET', '/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).not.toMatch(/immutable/);
  });

  it('answers a missing asset with a 404 problem, never the page', async () => {
    const response = await app.request('GET', '/js/gone.12345678.js');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('never serves files outside the build', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/js/../../package.json']) {
      const response = await app.request('GET', path);
      expect(response.text).not.toContain('"name"');
    }
  });

  it('leaves /api to the API: an unknown API path is a JSON problem, not the page', async () => {
    const response = await app.request('GET', '/api/unknown');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
