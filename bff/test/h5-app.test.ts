import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';

const rem = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const script = `console.log(${JSON.stringify('暖城 '.repeat(200))})`;
const page = `<!doctype html><html><head><script>${rem}</script><link rel="stylesheet" href="/css/app.0a1b2c3d.css"></head><body><div id="app"></div><script src="/js/app.0a1b2c3d.js"></script></body></html>`;

let app: TestApp;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'warmcity-h5-'));
  await mkdir(join(dist, 'js'));
  await writeFile(join(dist, 'index.html'), page);
  await writeFile(join(dist, 'js', 'app.0a1b2c3d.js'), script);
  await writeFile(join(dist, 'js', 'app.0a1b2c3d.js.br'), brotliCompressSync(script));
  await writeFile(join(dist, 'js', 'app.0a1b2c3d.js.gz'), gzipSync(script));
  await writeFile(join(dist, 'favicon.ico'), 'icon');
  app = await startTestApp({ env: { H5_DIST: dist } });
});
afterAll(async () => {
  await app.close();
  await rm(dist, { recursive: true, force: true });
});

// fetch() would ask for and undo the encoding itself; this sends exactly the Accept-Encoding given
// and returns the bytes as they came over the wire.
function rawGet(path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    httpRequest(app.url + path, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

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

  it('lets the page read a picked photo back from its blob: URL to upload it, and connect nowhere else', async () => {
    const response = await app.request('GET', '/');
    const csp = response.headers.get('content-security-policy') ?? '';
    // Taro's H5 chooseImage hands out blob: URLs and uploadFile fetches the bytes from them.
    expect(csp.split('; ').find((directive) => directive.startsWith('connect-src'))).toBe("connect-src 'self' blob:");
  });

  it('falls back to index.html for deep links of the browser-mode router', async () => {
    for (const path of ['/pages/mine/index', '/parent-school/sessions/65f0c0ffee0000000000abcd']) {
      const response = await app.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.text).toBe(page);
    }
  });

  it('serves built assets, caching content-hashed ones for a year', async () => {
    const asset = await app.request('GET', '/js/app.0a1b2c3d.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe(script);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('GET', '/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the precompressed brotli or gzip file the browser accepts, varying on Accept-Encoding', async () => {
    const cases = [
      { accept: 'gzip, deflate, br', encoding: 'br', decode: brotliDecompressSync },
      { accept: 'gzip, br;q=0', encoding: 'gzip', decode: gunzipSync },
      { accept: 'gzip', encoding: 'gzip', decode: gunzipSync },
      { accept: 'identity', encoding: undefined, decode: (bytes: Buffer) => bytes },
      { accept: undefined, encoding: undefined, decode: (bytes: Buffer) => bytes },
    ];
    for (const { accept, encoding, decode } of cases) {
      const response = await rawGet('/js/app.0a1b2c3d.js', accept);
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(String(response.headers.vary).split(/,\s*/)).toContain('Accept-Encoding');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers['content-length'])).toBe(response.bytes.length);
      expect(decode(response.bytes).toString()).toBe(script);
      if (encoding) expect(response.bytes.length).toBeLessThan(Buffer.byteLength(script) / 4);
    }
  });

  it('never caches index.html, whatever the route that answers with it', async () => {
    for (const path of ['/', '/index.html', '/pages/mine/index']) {
      const response = await rawGet(path, 'br, gzip');
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.bytes.toString()).toBe(page);
    }
  });

  it('answers a missing asset with a 404 problem, never the page', async () => {
    const response = await app.request('GET', '/js/gone.12345678.js');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
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
