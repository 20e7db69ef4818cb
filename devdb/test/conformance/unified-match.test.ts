// The conformance figures are only worth something if the matcher can say no.
import { Long } from 'mongodb';
import { describe, expect, it } from 'vitest';

import { match, matchExactly, matchRootDocuments, type MatchContext } from './unified-match.js';

const ctx: MatchContext = { entity: () => undefined };
const ok =
  (expected: unknown, actual: unknown, root = true) =>
  () =>
    match(expected, actual, root, '', ctx);

describe('unified format matching', () => {
  it('allows extra fields only at the root', () => {
    expect(ok({ x: 1 }, { x: 1, y: 1 })).not.toThrow();
    expect(ok({ a: { x: 1 } }, { a: { x: 1, y: 1 } })).toThrow(/unexpected fields y/);
    expect(ok({ x: 1 }, { x: 1, y: 1 }, false)).toThrow();
    expect(() => matchRootDocuments([{ x: 1 }], [{ x: 1, y: 2 }], '', ctx)).not.toThrow();
    expect(() => matchExactly([{ x: 1 }], [{ x: 1, y: 2 }], '')).toThrow();
  });

  it('compares numbers by value across BSON widths, arrays by length', () => {
    expect(ok({ n: 1 }, { n: Long.fromNumber(1) })).not.toThrow();
    expect(ok({ n: 1 }, { n: 1.5 })).toThrow();
    expect(ok({ a: [1, 2] }, { a: [1, 2, 3] })).toThrow(/2 elements/);
  });

  it('applies $$exists, $$unsetOrMatches and $$type', () => {
    expect(ok({ w: { $$exists: false } }, { w: 1 })).toThrow(/absent/);
    expect(ok({ w: { $$exists: true } }, { w: null })).not.toThrow();
    expect(ok({ m: { $$unsetOrMatches: false } }, {})).not.toThrow();
    expect(ok({ m: { $$unsetOrMatches: false } }, { m: true })).toThrow();
    expect(ok({ h: { $$type: ['string', 'object'] } }, { h: { _id: 1 } })).not.toThrow();
    expect(ok({ h: { $$type: 'string' } }, { h: 1 })).toThrow(/type string/);
    expect(ok({ h: { $$type: 'string' } }, {})).toThrow();
  });
});
