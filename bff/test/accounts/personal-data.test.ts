import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { dataProtection } from '../../src/platform/personal-data/protection';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const idNumber = '11010519491231002X';

describe('personal-data protection', () => {
  const config = loadConfig({ NODE_ENV: 'test', DATA_KEY: key(1), DATA_KEY_ID: 'k1' });
  const protection = dataProtection(config);

  it('encrypts to a key-labelled ciphertext that decrypts in its own field only', () => {
    const sealed = protection.encrypt(idNumber, 'accounts.identity.idNumber');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain(idNumber);
    expect(protection.encrypt(idNumber, 'accounts.identity.idNumber')).not.toBe(sealed);
    expect(protection.decrypt(sealed, 'accounts.identity.idNumber')).toBe(idNumber);
    expect(() => protection.decrypt(sealed, 'accounts.identity.name')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = protection.encrypt(idNumber, 'f');
    const [v, id, iv, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => protection.decrypt([v, id, iv, flipped.toString('base64url')].join('.'), 'f')).toThrow();
  });

  it('gives a stable lookup key per value and key', () => {
    expect(protection.lookupKey(idNumber)).toBe(protection.lookupKey(idNumber));
    expect(protection.lookupKey(idNumber)).toMatch(/^[0-9a-f]{64}$/);
    expect(protection.lookupKey(idNumber)).not.toBe(protection.lookupKey('110105194912310029'));
    const other = dataProtection(loadConfig({ NODE_ENV: 'test', DATA_KEY: key(2), DATA_KEY_ID: 'k2' }));
    expect(other.lookupKey(idNumber)).not.toBe(protection.lookupKey(idNumber));
  });

  it('after a rotation, old ciphertexts still decrypt and old lookup keys still match', () => {
    const sealedBefore = protection.encrypt(idNumber, 'f');
    const rotated = dataProtection(
      loadConfig({ NODE_ENV: 'test', DATA_KEY: key(2), DATA_KEY_ID: 'k2', DATA_KEYS_RETIRED: `k1:${key(1)}` }),
    );
    expect(rotated.decrypt(sealedBefore, 'f')).toBe(idNumber);
    expect(rotated.encrypt(idNumber, 'f')).toMatch(/^v1\.k2\./);
    expect(rotated.lookupKeys(idNumber)).toEqual([rotated.lookupKey(idNumber), protection.lookupKey(idNumber)]);
    const forgotten = dataProtection(loadConfig({ NODE_ENV: 'test', DATA_KEY: key(2), DATA_KEY_ID: 'k2' }));
    expect(() => forgotten.decrypt(sealedBefore, 'f')).toThrow(/key id "k1"/);
  });
});
