import { Schema, type Types } from 'mongoose';
import { signInProviders } from '@warmcity/shared/api/accounts';
import { defineModel } from '../../platform/model';

/** One sign-in and the chain of refresh tokens rotated from it (a token family). Only hashes
 * are kept: a database dump does not hand out sessions. */
export interface SignInSession {
  _id: Types.ObjectId;
  account: Types.ObjectId;
  provider: (typeof signInProviders)[number];
  currentHash: string;
  /** Hashes already rotated away; presenting one again means a copy is in someone else's hands. */
  previousHashes: string[];
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

const schema = new Schema<SignInSession>(
  {
    account: { type: Schema.Types.ObjectId, required: true },
    provider: { type: String, enum: signInProviders, required: true },
    currentHash: { type: String, required: true },
    previousHashes: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false, strict: 'throw' },
);
schema.index({ currentHash: 1 }, { unique: true });
schema.index({ previousHashes: 1 });
schema.index({ account: 1, createdAt: -1 });
// Expired families, revoked ones included, are kept until then for reuse detection.
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const Sessions = defineModel('SignInSession', schema);
