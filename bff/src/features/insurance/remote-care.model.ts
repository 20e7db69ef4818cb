import { Schema, type Types } from 'mongoose';
import { filingKinds } from '@warmcity/shared/api/insurance';
import { defineModel } from '../../platform/model';

export interface Filing {
  _id: Types.ObjectId;
  destination: string;
  kind: (typeof filingKinds)[number];
  /** `YYYY-MM-DD`, China dates; text order is date order. */
  validFrom: string;
  validTo: string;
  filedAt: Date;
  /** Null while the filing is active: one field, so cancelling is a single positional `$set`. */
  cancelledAt: Date | null;
}

/**
 * 异地就医备案 of one person, all in one document: "no two active filings overlap" is then a
 * condition of one atomic update (see filing.service.ts), and the unique `personId` makes the
 * first filing's upsert race-safe too. A person files a handful in a lifetime.
 */
export interface RemoteCare {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  filings: Filing[];
}

const filingSchema = new Schema<Filing>(
  {
    destination: { type: String, required: true },
    kind: { type: String, enum: filingKinds, required: true },
    validFrom: { type: String, required: true },
    validTo: { type: String, required: true },
    filedAt: { type: Date, required: true },
    cancelledAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);

const schema = new Schema<RemoteCare>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    filings: { type: [filingSchema], default: [] },
  },
  { collection: 'insurance_remote_care', versionKey: false, strict: 'throw' },
);
schema.index({ personId: 1 }, { unique: true });

export const RemoteCareFilings = defineModel('RemoteCare', schema);
