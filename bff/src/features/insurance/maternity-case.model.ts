import { Schema, type Types } from 'mongoose';
import { maternityStages } from '@warmcity/shared/api/insurance';
import { defineModel } from '../../platform/model';

export type MaternityStage = (typeof maternityStages)[number];

/** A 生育津贴 case: 生育登记 → 出院结算 → 数据推送 → 审核 → 拨付. Each stage is a field holding when it
 * happened (null until then), so an import sets a stage with one idempotent `$set`. */
export interface MaternityCase {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  /** The insurance system's case number, the key imports upsert on. */
  caseNo: string;
  stageAt: Record<MaternityStage, Date | null>;
  amountFen: number | null;
  days: number | null;
  rule: string | null;
  paidTo: { kind: 'employer' | 'personal'; maskedAccount: string } | null;
}

const schema = new Schema<MaternityCase>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    caseNo: { type: String, required: true },
    stageAt: {
      type: new Schema(Object.fromEntries(maternityStages.map((stage) => [stage, { type: Date, default: null }])), {
        _id: false,
        strict: 'throw',
      }),
      default: () => ({}),
    },
    amountFen: {
      type: Number,
      default: null,
      min: 0,
      validate: (v: number | null) => v === null || Number.isInteger(v),
    },
    days: { type: Number, default: null },
    rule: { type: String, default: null },
    paidTo: {
      type: new Schema(
        { kind: { type: String, enum: ['employer', 'personal'], required: true }, maskedAccount: String },
        { _id: false, strict: 'throw' },
      ),
      default: null,
    },
  },
  { collection: 'insurance_maternity_cases', versionKey: false, strict: 'throw' },
);
schema.index({ caseNo: 1 }, { unique: true });
schema.index({ personId: 1, _id: -1 });

export const MaternityCases = defineModel('MaternityCase', schema);
