import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** 门诊慢特病 eligibility: one disease for one person, until a date. */
export interface ChronicEligibility {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  disease: string;
  /** `YYYY-MM-DD`, China date, inclusive. */
  validUntil: string;
}

const schema = new Schema<ChronicEligibility>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    disease: { type: String, required: true },
    validUntil: { type: String, required: true },
  },
  { collection: 'insurance_chronic', versionKey: false, strict: 'throw' },
);
schema.index({ personId: 1, disease: 1 }, { unique: true });

export const ChronicEligibilities = defineModel('ChronicEligibility', schema);
