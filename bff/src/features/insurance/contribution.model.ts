import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** One month of one person's contributions, as the insurance system reports it. */
export interface Contribution {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  /** `YYYY-MM`: sorts as text, so a year is the range `YYYY-01`..`YYYY-12`. */
  period: string;
  baseFen: number;
  employerFen: number;
  personalFen: number;
  status: 'paid' | 'arrears';
}

/** A month as the resident's views and totals read it. */
export type Month = Omit<Contribution, '_id' | 'personId'>;

export const CONTRIBUTIONS_COLLECTION = 'insurance_contributions';

const fen = { type: Number, required: true, min: 0, validate: Number.isInteger };

const schema = new Schema<Contribution>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    period: { type: String, required: true },
    baseFen: fen,
    employerFen: fen,
    personalFen: fen,
    status: { type: String, enum: ['paid', 'arrears'], required: true },
  },
  { collection: CONTRIBUTIONS_COLLECTION, versionKey: false, strict: 'throw' },
);
// One record per person per month (import upserts on it); a year's months are a range on it.
schema.index({ personId: 1, period: 1 }, { unique: true });
// Arrears across all years, for the summary.
schema.index({ personId: 1, status: 1, period: 1 });

export const Contributions = defineModel('InsuranceContribution', schema);
