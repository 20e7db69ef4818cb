import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../../config';

type KeyConfig = Pick<Config, 'DATA_KEY' | 'DATA_KEY_ID' | 'DATA_KEYS_RETIRED'>;

interface KeyMaterial {
  readonly id: string;
  readonly lookup: Buffer;
  readonly encryption: Buffer;
}

/** What sensitive fields are stored as: a lookup key to find a person by value, and ciphertext
 * to show them their own data; never the value itself. */
export interface DataProtection {
  /** HMAC-SHA256 of the value under the current key, hex: equal values give equal keys. */
  lookupKey(value: string): string;
  /** The lookup key under every key still in use, current first, so a person is found while a
   * rotation's re-encryption is under way. */
  lookupKeys(value: string): string[];
  /** `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url); `context` names the field so a ciphertext
   * copied into another field does not decrypt. */
  encrypt(value: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

// Separate keys for the two jobs, derived from the one secret so operators manage one value.
function derive(id: string, base64: string): KeyMaterial {
  const secret = Buffer.from(base64, 'base64');
  const key = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  return { id, lookup: key('warmcity lookup key v1'), encryption: key('warmcity field encryption v1') };
}

const cache = new WeakMap<KeyConfig, DataProtection>();

export function dataProtection(config: KeyConfig): DataProtection {
  const known = cache.get(config);
  if (known) return known;
  const current = derive(config.DATA_KEY_ID, config.DATA_KEY);
  const keys = [current, ...config.DATA_KEYS_RETIRED.map((retired) => derive(retired.id, retired.key))];
  const byId = new Map(keys.map((key) => [key.id, key]));
  const hmac = (key: KeyMaterial, value: string) =>
    createHmac('sha256', key.lookup).update(value, 'utf8').digest('hex');

  const protection: DataProtection = {
    lookupKey: (value) => hmac(current, value),
    lookupKeys: (value) => keys.map((key) => hmac(key, value)),
    encrypt(value, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.encryption, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `v1.${current.id}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
    },
    decrypt(sealed, context) {
      const [version, keyId, iv, body] = sealed.split('.');
      const key = keyId ? byId.get(keyId) : undefined;
      if (version !== 'v1' || !key || !iv || !body)
        throw new Error(`cannot decrypt: unknown format or key id "${keyId}"`);
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
  };
  cache.set(config, protection);
  return protection;
}
