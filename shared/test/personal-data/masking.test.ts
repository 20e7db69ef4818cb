import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../src/personal-data/masking';

describe('masking', () => {
  it('keeps region and last four of an ID number', () => {
    expect(maskIdNumber('330102199001011234')).toBe('330102********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('hides short values entirely rather than revealing most of them', () => {
    expect(maskIdNumber('123')).toBe('***');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('王*');
    expect(maskName('  ')).toBe('');
  });
});
