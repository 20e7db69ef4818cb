import type { Connection } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pingDatabase } from '../src/platform/database';
import { startTestApp, type TestApp } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

describe('the readiness ping', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives up after its own timeout when the database never answers, whatever the driver does', async () => {
    vi.useFakeTimers();
    const silent = { readyState: 1, db: { command: () => new Promise(() => undefined) } } as unknown as Connection;
    let answer: boolean | undefined;
    void pingDatabase(silent, 1000).then((ok) => (answer = ok));
    await vi.advanceTimersByTimeAsync(999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toBe(false);
  });
});

describe('probes', () => {
  it('/healthz and /readyz answer 200 while the database is up', async () => {
    expect(await app.request('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await app.request('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect((await app.request('GET', '/api/test/notes/count')).status).toBe(200);
  });

  it('with the database down, /readyz → 503, a query → 503, and /healthz stays 200', async () => {
    await app.devdb.stop();

    const ready = await app.request('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const query = await app.request('GET', '/api/test/notes/count');
    expect(query.status).toBe(503);
    expect(query.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(query.text).not.toMatch(/Mongo|ECONNREFUSED|127\.0\.0\.1/);

    expect((await app.request('GET', '/healthz')).status).toBe(200);
  });
});
