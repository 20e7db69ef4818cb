import type { Collection, Connection } from 'mongoose';

/** One field stored as `dataProtection(config).encrypt(value, context)`. */
export interface SealedField {
  /** Dotted path in the stored document, e.g. `identity.idNumberCipher`. */
  readonly path: string;
  readonly context: string;
}

/**
 * A collection holding sealed fields, so a DATA_KEY rotation can re-encrypt them (`rekey.ts`).
 * Every call of `encrypt(` in the BFF writes a field declared here, or a test fails.
 */
export interface SealedCollection {
  /** The model binder `defineModel` returns; its collection is what gets rewritten. */
  readonly model: (connection: Connection) => { readonly collection: Collection };
  readonly fields: readonly SealedField[];
  /** A stored lookup key (`protection.lookupKey(value)`) of one sealed field's value: it is
   * recomputed under the current key whenever that field is re-encrypted. */
  readonly lookup?: { readonly path: string; readonly from: string };
}
