import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineFeature } from '../../src/platform/feature';
import { devSignIn, startAccountsApp, type AccountsTestApp } from './support';

// A feature whose deletion hook fails the first time, as a database hiccup would.
let failures = 1;
const flaky = defineFeature({
  name: 'flaky-feature',
  routes: [],
  accountData: {
    onAccountDeleted: async () => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('hook failed');
      }
    },
    exportData: async () => ({}),
  },
});

let app: AccountsTestApp;
beforeAll(async () => {
  app = await startAccountsApp({ extraFeatures: [flaky] });
});
afterAll(() => app?.close());

describe('deleting an account when a feature hook fails', () => {
  it('leaves the token working so the same request can be retried, and the retry finishes', async () => {
    const session = await devSignIn(app, 'retrying-user');
    const token = session.accessToken;
    expect((await app.request('DELETE', '/api/accounts/me', { token })).status).toBe(500);
    expect((await app.request('GET', '/api/accounts/me', { token })).status).toBe(200);
    expect((await app.request('DELETE', '/api/accounts/me', { token })).status).toBe(200);
    const after = await app.request('GET', '/api/accounts/me', { token });
    expect([after.status, after.body.code]).toEqual([401, 'ACCOUNT_INACTIVE']);
  });
});
