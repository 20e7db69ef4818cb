import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { testOperations, testRoutes } from '../support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

describe('Cache-Control on /api answers', () => {
  it('is no-store on answers carrying a session, tokens or personal data, and on problems', async () => {
    const { token } = app.signIn();
    const answers = [
      await app.request('GET', '/api/test/me', { token }),
      await app.request('POST', '/api/accounts/sign-in', { body: { provider: 'dev', code: 'cache-user' } }),
      await app.request('POST', '/api/accounts/refresh', { body: { refreshToken: 'x'.repeat(32) } }),
      await app.request('GET', '/api/accounts/me', { token }),
      await app.request('GET', '/api/test/fail/app'),
      await app.request('GET', '/api/nothing-here'),
      await app.request('GET', '/api/parent-school/schools'),
    ];
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(answers.map(() => 'no-store'));
  });

  it('an operation that declares itself cacheable says so instead', async () => {
    const response = await app.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });
});
