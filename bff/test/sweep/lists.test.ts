import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, hasPathParams, needsSession } from './support/contract';
import { fingerprint, type Fingerprint } from './support/fingerprint';
import { expectNoLeaks, Tally } from './support/tally';
import { buildWorld, type World } from './support/world';

// The lists a signed-in caller reads without naming an object (my bookings, my orders, the
// reports of my sites, ...): read by the strangers, none of them holds any of A's objects, ids
// or codes. Reading them writes nothing but what `readWrites` names.

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
afterAll(() => world?.close());

/** Routes whose answer is someone else's on purpose, and why. */
const open: Record<string, string> = {
  'accounts.listAccounts': 'admin only: an admin sees every account',
  'accounts.auditLog': 'admin only: an admin reads the whole audit log',
  'notifications.listDeadLetters': 'admin only: the dead letters of every account',
};

/** What reading a list may write, and why; anything else written fails the sweep. */
const AUDITED = ['audit_log'];
const readWrites: Record<string, string[]> = {
  // Every read of personal data leaves an audit record (README, personal data).
  'accounts.myData': AUDITED,
  'accounts.exportMyData': AUDITED,
  'insurance.getSummary': AUDITED,
  'insurance.listContributions': AUDITED,
  'insurance.getMaternity': AUDITED,
  'insurance.listFilings': AUDITED,
  'insurance.listFamily': AUDITED,
  'insurance.listChronic': AUDITED,
  // The inbox shows the reader's own held notifications once their state change is done.
  'notifications.listNotifications': ['notifications'],
  'notifications.unreadCount': ['notifications'],
};

const changedBetween = (before: Fingerprint, after: Fingerprint) =>
  Object.keys(after).filter((name) => JSON.stringify(after[name]) !== JSON.stringify(before[name]));

describe('security sweep: lists', () => {
  it("no list a stranger reads holds any of another's objects", async () => {
    const tally = new Tally('lists');
    const planned = contract.filter(
      (operation) => operation.method === 'GET' && needsSession(operation) && !hasPathParams(operation),
    );
    const stale = Object.keys(open).filter((id) => !planned.some((operation) => operation.id === id));
    expect(stale, 'open lists the contract no longer has').toEqual([]);
    const { app, ids } = world;
    // Everything of A's, and of staff A's scope, that a stranger must not see: B's own objects
    // are the ones whose key ends in B.
    const secrets = Object.entries(ids)
      .filter(([key]) => !key.endsWith('B'))
      .map(([key, value]) => ({ key, value }));
    for (const operation of planned) {
      if (open[operation.id]) {
        tally.count(operation.id, 0);
        continue;
      }
      const before = await fingerprint(app);
      for (const stranger of [world.residentB, world.staffB]) {
        const response = await app.request('GET', operation.path, { token: stranger });
        const why = `${operation.id}: ${response.status} ${response.text.slice(0, 300)}`;
        // A staff list refuses a resident (403), and staff B has no account for accounts.me (401):
        // whatever the answer, it holds nothing of A's.
        expect(response.status, why).toBeLessThan(500);
        const seen = secrets.filter(({ value }) => response.text.includes(value)).map(({ key }) => key);
        expect(seen, `${why}\nshows A's`).toEqual([]);
        tally.count(operation.id);
      }
      const unexpected = changedBetween(before, await fingerprint(app)).filter(
        (name) => !(readWrites[operation.id] ?? []).includes(name),
      );
      expect(unexpected, `${operation.id}: a read wrote`).toEqual([]);
    }
    expectNoLeaks(app);
    tally.finish(planned.map((operation) => operation.id));
  }, 180_000);
});
