import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPath, operations } from '@warmcity/shared';
import { newObjectId, startTestApp, type TestApp } from './support/app';
import { testOperations, testRoutes } from './support/test-operations';

// A resident identity number: 17 digits and a check character. None may appear in any response
// body or log line, however it was sent.
const ID_NUMBER = /\d{17}[\dXx]/;
const idNumber = '33010219900101123X';
const phone = '13800138000';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

describe('no identity number leaks', () => {
  it('sent in a path, query, header or body, it reaches neither a response nor a log line', async () => {
    const staff = app.signIn('staff').token;
    await app.request('GET', `/api/people/${idNumber}`);
    await app.request('GET', `/healthz?idNumber=${idNumber}`);
    await app.request('GET', '/healthz', { headers: { 'x-request-id': `req-${idNumber}` } });
    await app.request('PATCH', `/api/test/notes/${idNumber}?notify=${idNumber}`, {
      token: staff,
      body: { text: idNumber, [idNumber]: 1 },
    });
    await app.request('PATCH', `/api/test/notes/${newObjectId()}`, {
      token: staff,
      body: { text: `${idNumber} ${'x'.repeat(300)}` },
    });
    await app.request('PATCH', `/api/test/notes/${newObjectId()}`, {
      token: staff,
      raw: `{"text": "${idNumber}"`,
      headers: { 'content-type': 'application/json' },
    });
    await app.request('GET', '/api/test/fail/secret-message');

    // Every declared route with a body, with the number in each field (most refuse it; an
    // identity-binding route accepts it and must answer masked).
    const token = app.signIn(['resident', 'staff', 'admin']).token;
    for (const operation of operations.filter((op) => op.body)) {
      const path = buildPath(
        operation.path,
        Object.fromEntries(Object.keys(operation.params?.shape ?? {}).map((k) => [k, newObjectId()])),
      );
      const fields = Object.keys((operation.body as { shape?: object }).shape ?? { value: 1 });
      const headers: Record<string, string> = operation.idempotent ? { 'idempotency-key': `leak-${operation.id}` } : {};
      await app.request(operation.method, path, {
        token,
        headers,
        body: Object.fromEntries(fields.map((f) => [f, idNumber])),
      });
    }

    expect(app.responses.length).toBeGreaterThan(7);
    expect(app.responses.filter((text) => ID_NUMBER.test(text))).toEqual([]);
    expect(app.logs.filter((line) => ID_NUMBER.test(line) || line.includes(phone))).toEqual([]);
    // The 500 was still logged with its cause, minus the numbers.
    expect(app.logs.some((line) => line.includes('lookup failed for [digits]'))).toBe(true);
  });
});
