import { describe, expect, it } from 'vitest';
import { billedMinutes, parsePortQr, portQrText } from '../../src/api/charging';

describe('billedMinutes', () => {
  it.each([
    [0, 0],
    [1, 1],
    [59, 1],
    [60, 1],
    [61, 2],
    [125, 3],
    [3_600, 60],
    [3_601, 61],
  ])('%i seconds bill %i minutes: a started minute counts, never a started hour', (seconds, minutes) => {
    expect(billedMinutes(seconds, 480)).toBe(minutes);
  });

  it('never bills past the site maximum, nor a negative time', () => {
    expect(billedMinutes(481 * 60, 480)).toBe(480);
    expect(billedMinutes(-5, 480)).toBe(0);
  });
});

describe('port QR codes', () => {
  it('reads the code from the QR text or from what a resident typed, in any case', () => {
    expect(parsePortQr(portQrText('7AHERSYT'))).toBe('7AHERSYT');
    expect(parsePortQr(' 7ahersyt ')).toBe('7AHERSYT');
  });

  it('refuses anything else, so a scanned stranger QR never becomes a query', () => {
    expect(parsePortQr('https://example.com/7AHERSYT')).toBeNull();
    expect(parsePortQr('7AHERSY1')).toBeNull();
    expect(parsePortQr('')).toBeNull();
  });
});
