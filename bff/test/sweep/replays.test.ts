import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from './support/contract';
import { expectNoLeaks, Tally } from './support/tally';
import { buildWorld, type World } from './support/world';

// Idempotency keys belong to whoever used them first. For every creating route, stranger B
// resends the exact request another user made, key and body included: B's request is B's own
// (answered afresh, never replayed), so a key cannot be used to read someone else's answer.

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
afterAll(() => world?.close());

const pattern = (path: string) => new RegExp(`^${path.replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '[^/]+')}$`);

describe('security sweep: idempotency replays', () => {
  it("no creating route replays another user's answer to a stranger who sends the same key", async () => {
    const tally = new Tally('replays');
    const planned = contract.filter((operation) => operation.idempotent);
    const { app } = world;
    const missing: string[] = [];
    for (const operation of planned) {
      const original = world.calls.find(
        (call) => call.method === operation.method && pattern(operation.path).test(call.path),
      );
      if (!original) {
        missing.push(`${operation.id}: no call of it builds the world; add one in sweep/support/world.ts`);
        continue;
      }
      for (const stranger of [world.residentB, world.staffB]) {
        const response = await app.request(operation.method, original.path, {
          token: stranger,
          headers: { 'idempotency-key': original.key },
          ...(original.body === undefined ? {} : { body: original.body }),
        });
        const why = `${operation.id} resent by a stranger: ${response.status} ${response.text.slice(0, 300)}`;
        // Answered afresh (an answer that is the same for everyone may well read the same).
        expect(response.headers.get('idempotent-replayed'), why).toBeNull();
        const id = (JSON.parse(original.text) as { id?: string }).id;
        if (id) expect(response.text, why).not.toContain(id);
        expect(response.body.code, why).not.toBe('IDEMPOTENCY_KEY_REUSED');
        expect(response.status, why).toBeLessThan(500);
        tally.count(operation.id);
      }
    }
    expect(missing).toEqual([]);
    expectNoLeaks(app);
    tally.finish(planned.map((operation) => operation.id));
  }, 180_000);
});
