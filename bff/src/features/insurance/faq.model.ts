import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** 百问百答. `terms` are the search keys (faq-terms.ts), stored so a multikey index answers a query. */
export interface Faq {
  _id: Types.ObjectId;
  /** Stable key the seed and imports upsert on. */
  slug: string;
  question: string;
  answer: string;
  category: string;
  keywords: string[];
  terms: string[];
}

const schema = new Schema<Faq>(
  {
    slug: { type: String, required: true },
    question: { type: String, required: true },
    answer: { type: String, required: true },
    category: { type: String, required: true },
    keywords: { type: [String], default: [] },
    terms: { type: [String], default: [] },
  },
  { collection: 'insurance_faq', versionKey: false, strict: 'throw' },
);
schema.index({ slug: 1 }, { unique: true });
schema.index({ terms: 1 });

export const Faqs = defineModel('InsuranceFaq', schema);
