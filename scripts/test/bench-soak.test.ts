import { expect, it } from 'vitest';
import { keepsGrowing, summary } from '../bench/support/sampler';

it('does not flag a series that rises in the warm-up and then levels off', () => {
  const warmUp = [80, 110, 130, 140];
  const level = [150, 148, 153, 151, 149, 152, 150, 151];
  expect(keepsGrowing([...warmUp, ...level])).toBe(false);
});

it('does not flag a garbage collector sawtooth', () => {
  expect(keepsGrowing(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 60 : 90)))).toBe(false);
});

it('flags a series that keeps rising after the warm-up', () => {
  expect(keepsGrowing(Array.from({ length: 30 }, (_, i) => 100 + i * 2))).toBe(true);
});

it('does not flag a small rise on a small heap', () => {
  expect(keepsGrowing(Array.from({ length: 30 }, (_, i) => 20 + i * 0.1))).toBe(false);
});

it('judges a series in other units (KB per document) by the fraction alone when its floor is 0', () => {
  const rising = Array.from({ length: 30 }, (_, i) => 4 + i * 0.1);
  expect(keepsGrowing(rising)).toBe(false);
  expect(keepsGrowing(rising, 0)).toBe(true);
  expect(
    keepsGrowing(
      Array.from({ length: 30 }, (_, i) => 8 - i * 0.1),
      0,
    ),
  ).toBe(false);
});

it('summarises start, middle, end and maximum', () => {
  expect(summary([3, 9, 4, 5, 6])).toEqual({ start: 3, mid: 4, end: 6, max: 9 });
});
