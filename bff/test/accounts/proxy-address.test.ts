import { afterEach, describe, expect, it } from 'vitest';
import { startAccountsApp, type AccountsTestApp } from './support';

// The per-IP limits count a resident's address. Behind a balancer that address arrives in
// X-Forwarded-For; trusting the header without a balancer would let anyone pick their own.

let app: AccountsTestApp | undefined;
afterEach(() => app?.close());

const signInFrom = (forwardedFor: string) =>
  app!.request('POST', '/api/accounts/sign-in', {
    body: { provider: 'dev', code: 'invalid code' },
    headers: { 'x-forwarded-for': forwardedFor },
  });

async function statusesFrom(addresses: (i: number) => string, count: number) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await signInFrom(addresses(i))).status);
  return statuses;
}

describe('the address the per-IP limits count', () => {
  it('behind one trusted balancer, residents at different addresses do not share a limit', async () => {
    app = await startAccountsApp({ env: { TRUSTED_PROXY_HOPS: '1' } });
    const statuses = await statusesFrom((i) => `100.64.${i >> 8}.${i & 255}`, 125);
    expect(statuses.filter((status) => status === 429)).toHaveLength(0);
  });

  it('behind one trusted balancer, only the entry the balancer wrote counts, not what the caller sent before it', async () => {
    app = await startAccountsApp({ env: { TRUSTED_PROXY_HOPS: '1' } });
    const statuses = await statusesFrom((i) => `198.51.100.${i & 255}, 100.64.0.9`, 125);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });

  it('with no trusted balancer (the default), X-Forwarded-For is ignored', async () => {
    app = await startAccountsApp();
    const statuses = await statusesFrom((i) => `100.64.${i >> 8}.${i & 255}`, 125);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});
