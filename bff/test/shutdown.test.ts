import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/platform/logger';
import { createShutdown } from '../src/shutdown';
import { startTestApp, type TestApp } from './support/app';
import { Gate, testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
const gate = new Gate();
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes(gate) });
});
afterAll(() => app.devdb.stop());

/** A request on a brand-new connection, so no pooled keep-alive socket can mask a refusal. */
function freshConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('stops accepting, finishes the in-flight request, then closes the pool', async () => {
    // A keep-alive connection that is idle when shutdown starts must not hold it up.
    expect((await app.request('GET', '/healthz')).status).toBe(200);

    gate.closed = true;
    const reached = gate.reached();
    const inFlight = app.request('GET', '/api/test/slow');
    await reached;

    const closed: string[] = [];
    const shutdown = createShutdown({
      server: app.server,
      logger: createLogger({ LOG_LEVEL: 'silent' }),
      graceMs: 5000,
      then: [
        async () => {
          closed.push('pool');
          await app.connection.close();
        },
      ],
    });
    const done = shutdown('SIGTERM');
    expect(shutdown('SIGINT')).toBe(done);

    await expect(freshConnection(app.url)).rejects.toThrow(/ECONNREFUSED/);
    expect(closed).toEqual([]);

    gate.open();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: { done: true } });
    await done;
    expect(closed).toEqual(['pool']);
    expect(app.connection.readyState).toBe(0);
  });
});
