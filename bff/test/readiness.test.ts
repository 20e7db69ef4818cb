import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

describe('probes', () => {
  it('/healthz and /readyz answer 200 while the database is up', async () => {
    expect(await app.request('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await app.request('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect((await app.request('GET', '/api/test/notes/count')).status).toBe(200);
  });

  it('with the database down, /readyz → 503 quickly, a query → 503, and /healthz stays 200', async () => {
    await app.devdb.stop();

    const started = Date.now();
    const ready = await app.request('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Date.now() - started).toBeLessThan(2500);

    const query = await app.request('GET', '/api/test/notes/count');
    expect(query.status).toBe(503);
    expect(query.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(query.text).not.toMatch(/Mongo|ECONNREFUSED|127\.0\.0\.1/);

    expect((await app.request('GET', '/healthz')).status).toBe(200);
  });
});
