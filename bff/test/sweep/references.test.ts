import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, samplePath } from './support/contract';
import { fieldsOf } from './support/fields';
import { fingerprint } from './support/fingerprint';
import { referenceFixtures } from './support/reference-fixtures';
import { expectNoLeaks, Tally } from './support/tally';
import { buildWorld, type World } from './support/world';

// The other way to reach another's object: not in the path but in a field (`schoolId`,
// `photos`, `assigneeId`). Stranger B, working on B's own objects, names one of A's; the route
// refuses (4xx, never a success or a 500) and nothing anywhere changes.

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);
afterAll(() => world?.close());

// 24 characters no id has: a field that refuses it but takes a 24-hex id holds an id.
const NOT_AN_ID = 'z'.repeat(24);
const SOME_ID = '65f0c0ffee0000000000abcd';

/** Every body or query field that names an object by id, as `operationId where.field`. */
function referenceFields(): { key: string; operationId: string }[] {
  return contract.flatMap((operation) =>
    (['body', 'query'] as const).flatMap((where) =>
      fieldsOf(operation[where])
        .filter(({ schema }) => {
          const takes = (value: unknown) => schema.safeParse(value).success;
          return (takes(SOME_ID) && !takes(NOT_AN_ID)) || (takes([SOME_ID]) && !takes([NOT_AN_ID]));
        })
        .map(({ path }) => ({ key: `${operation.id} ${where}.${path.join('.')}`, operationId: operation.id })),
    ),
  );
}

describe('security sweep: references to foreign objects', () => {
  it("every field naming an object refuses a stranger's reference to another's, and changes nothing", async () => {
    const tally = new Tally('references');
    const fields = referenceFields();
    const missing = fields.filter(({ key }) => !referenceFixtures[key]).map(({ key }) => key);
    expect(
      missing.map((key) => `${key}: no reference fixture; add one in sweep/support/reference-fixtures.ts`),
    ).toEqual([]);
    const stale = Object.keys(referenceFixtures).filter((key) => !fields.some((field) => field.key === key));
    expect(stale, 'fixtures for fields the contract no longer has').toEqual([]);

    const { app, ids } = world;
    const answers: string[] = [];
    for (const { key, operationId } of fields) {
      const fixture = referenceFixtures[key]!;
      if ('open' in fixture) {
        tally.count(operationId, 0);
        continue;
      }
      const operation = contract.find((candidate) => candidate.id === operationId)!;
      const before = await fingerprint(app);
      const response = await app.request(
        operation.method,
        samplePath(operation, fixture.params?.(ids)) + (fixture.query?.(ids) ?? ''),
        {
          token: fixture.as === 'resident' ? world.residentB : world.staffB,
          headers: operation.idempotent ? { 'idempotency-key': randomUUID() } : {},
          ...(fixture.body ? { body: fixture.body(ids) } : {}),
        },
      );
      const why = `${key} pointing at A's object: ${response.status} ${response.text}`;
      expect([400, 404, 409, 422], why).toContain(response.status);
      // Refused for the reference, not for a body the route would refuse anyway.
      expect(response.body.code, why).not.toBe('VALIDATION_FAILED');
      expect(await fingerprint(app), `${key} changed something`).toEqual(before);
      answers.push(`${key} → ${response.status} ${response.body.code ?? ''}`);
      tally.count(operationId);
    }
    console.log(`sweep references:\n  ${answers.join('\n  ')}`);
    expectNoLeaks(app);
    tally.finish([...new Set(fields.map(({ operationId }) => operationId))]);
  }, 180_000);
});
