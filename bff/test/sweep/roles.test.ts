import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationSpec, Role } from '@warmcity/shared';
import { startTestApp, type TestApp } from '../support/app';
import { contract, inBatches, requiredHeaders, samplePath } from './support/contract';
import { fingerprint } from './support/fingerprint';
import { expectNoLeaks, Tally } from './support/tally';

// Every role-restricted route refuses a signed-in caller without the role (403): a resident on a
// staff route, a resident or any staff member on an admin route. Staff of another scope get 404
// instead (the object "does not exist" for them); foreign-objects.test.ts sweeps that.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const SCOPED = ['school', 'charging-site', 'cemetery', 'service-hall'].map(
  (kind) => `${kind}:65f0c0ffee0000000000abcd`,
);

/** Who lacks the role each restricted access level demands. */
const lacking: Record<'staff' | 'admin', { name: string; roles: Role[]; scopes: string[] }[]> = {
  staff: [{ name: 'a resident', roles: ['resident'], scopes: [] }],
  admin: [
    { name: 'a resident', roles: ['resident'], scopes: [] },
    { name: 'staff of every kind of scope', roles: ['resident', 'staff'], scopes: SCOPED },
  ],
};

describe('security sweep: roles', () => {
  it('every staff or admin route answers 403 to a caller without the role, and stores nothing', async () => {
    const tally = new Tally('roles');
    const planned = contract.filter((operation) => operation.access === 'staff' || operation.access === 'admin');
    const before = await fingerprint(app);
    const cases = planned.flatMap((operation) =>
      lacking[operation.access as 'staff' | 'admin'].map((caller) => ({ operation, caller })),
    );
    await inBatches(
      cases,
      16,
      async ({ operation, caller }: { operation: OperationSpec; caller: (typeof cases)[number]['caller'] }) => {
        const response = await app.request(operation.method, samplePath(operation), {
          token: app.signIn(caller.roles, caller.scopes).token,
          headers: requiredHeaders(operation, `${operation.id}-${caller.name}`),
          ...(operation.body ? { body: {} } : {}),
        });
        const why = `${operation.id} as ${caller.name}: ${response.status} ${response.text}`;
        expect(response.status, why).toBe(403);
        expect(response.headers.get('content-type'), why).toMatch(/^application\/problem\+json/);
        expect(response.body.code, why).toBe('FORBIDDEN');
        tally.count(operation.id);
      },
    );
    expect(await fingerprint(app)).toEqual(before);
    expectNoLeaks(app);
    tally.finish(planned.map((operation) => operation.id));
  }, 180_000);
});
