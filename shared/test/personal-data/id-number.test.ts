import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar, normaliseIdNumber } from '../../src/personal-data/id-number';

// The worked example of GB 11643-1999 Appendix A.
const standardExample = '11010519491231002X';

describe('GB 11643 identity numbers', () => {
  it('computes the check character of the standard example', () => {
    expect(idNumberCheckChar(standardExample.slice(0, 17))).toBe('X');
    expect(checkIdNumber(standardExample)).toBeNull();
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(checkIdNumber('11010519491231002x')).toBeNull();
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe(standardExample);
  });

  it('rejects every wrong check character', () => {
    for (const c of '0123456789') expect(checkIdNumber(`${standardExample.slice(0, 17)}${c}`)).toBe('check-digit');
  });

  it('rejects wrong lengths, letters and a leading zero as format errors', () => {
    for (const bad of ['', '1101051949123100', '1101051949123100211', '11010519491231A02X', '01010519491231002X']) {
      expect(checkIdNumber(bad)).toBe('format');
    }
  });

  it('rejects impossible and future birth dates', () => {
    const withDate = (date: string) => {
      const first17 = `330102${date}123`;
      return `${first17}${idNumberCheckChar(first17)}`;
    };
    expect(checkIdNumber(withDate('19900230'))).toBe('birth-date');
    expect(checkIdNumber(withDate('18991231'))).toBe('birth-date');
    expect(checkIdNumber(withDate('29990101'))).toBe('birth-date');
    expect(checkIdNumber(withDate('20000229'))).toBeNull();
  });
});
