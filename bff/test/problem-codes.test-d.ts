import { describe, expectTypeOf, it } from 'vitest';
import type { ProblemCode } from '@warmcity/shared';
import { problem } from '../src/platform/problem';

describe('problem codes', () => {
  it('are the union of the codes declared in the contract', () => {
    expectTypeOf<'BOOKING_CLOSED'>().toExtend<ProblemCode>();
    expectTypeOf<'IDEMPOTENCY_IN_DOUBT'>().toExtend<ProblemCode>();
    expectTypeOf<'BOOKNG_CLOSED'>().not.toExtend<ProblemCode>();
    expectTypeOf<string>().not.toExtend<ProblemCode>();
  });

  it('so a misspelt code does not compile', () => {
    // A thunk, so the type test never runs the throw.
    const _ok = () => problem('BOOKING_CLOSED');
    // @ts-expect-error 'BOOKNG_CLOSED' is not a declared problem code
    const _typo = () => problem('BOOKNG_CLOSED');
    // @ts-expect-error a code computed at run time is not known to be declared
    const _computed = (code: string) => problem(code);
  });
});
