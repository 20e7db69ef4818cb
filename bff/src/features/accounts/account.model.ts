import { Schema, type Types } from 'mongoose';
import { signInProviders, staffScopeKinds, type StaffScope } from '@warmcity/shared/api/accounts';
import type { Role } from '@warmcity/shared';
import { defineModel } from '../../platform/model';

// Encryption contexts: a ciphertext only decrypts in the field it was written for.
export const IDENTITY_ID_NUMBER_CONTEXT = 'accounts.identity.idNumber';
export const IDENTITY_NAME_CONTEXT = 'accounts.identity.name';

/** A bound real-name identity: found by lookup key, shown masked, readable only by decrypting. */
export interface StoredIdentity {
  lookupKey: string;
  idNumberCipher: string;
  nameCipher: string;
  maskedIdNumber: string;
  maskedName: string;
  boundAt: Date;
}

export interface Account {
  _id: Types.ObjectId;
  provider: (typeof signInProviders)[number];
  /** openid / Alipay open_id / dev code; null once the account is deleted, so the same person
   * signing in again starts afresh. */
  providerSubject: string | null;
  unionId: string | null;
  roles: Role[];
  staffScopes: { kind: StaffScope['kind']; id: Types.ObjectId }[];
  identity: StoredIdentity | null;
  /** Shown in the dev provider's picker; only demo accounts have one. */
  devLabel: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

const identitySchema = new Schema<StoredIdentity>(
  {
    lookupKey: { type: String, required: true },
    idNumberCipher: { type: String, required: true },
    nameCipher: { type: String, required: true },
    maskedIdNumber: { type: String, required: true },
    maskedName: { type: String, required: true },
    boundAt: { type: Date, required: true },
  },
  { _id: false },
);

const schema = new Schema<Account>(
  {
    provider: { type: String, enum: signInProviders, required: true },
    providerSubject: { type: String, default: null },
    unionId: { type: String, default: null },
    roles: { type: [String], enum: ['resident', 'staff', 'admin'], default: ['resident'] },
    staffScopes: {
      type: [
        new Schema(
          {
            kind: { type: String, enum: staffScopeKinds, required: true },
            id: { type: Schema.Types.ObjectId, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    identity: { type: identitySchema, default: null },
    devLabel: { type: String, default: null },
    createdAt: { type: Date, required: true },
    deletedAt: { type: Date, default: null },
  },
  { collection: 'accounts', versionKey: false, strict: 'throw' },
);
// Sign-in finds the account by platform identity; a partial index because deleted accounts
// carry null there and a unique index would count every null as the same value.
schema.index(
  { provider: 1, providerSubject: 1 },
  { unique: true, partialFilterExpression: { providerSubject: { $type: 'string' } } },
);
// One person, one account.
schema.index(
  { 'identity.lookupKey': 1 },
  { unique: true, partialFilterExpression: { 'identity.lookupKey': { $type: 'string' } } },
);
schema.index({ roles: 1, _id: -1 });
schema.index({ provider: 1, devLabel: 1 });

export const Accounts = defineModel('Account', schema);
