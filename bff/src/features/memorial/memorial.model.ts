import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

export type Visibility = 'public' | 'family' | 'link';

export interface Plot {
  area: string;
  row: string;
  number: string;
  wayfinding?: string;
}

export interface StoryDraft {
  facts: { hometown?: string; work?: string; family?: string; knownFor?: string; saying?: string };
  text: string;
  source: 'model' | 'template';
  updatedAt: Date;
}

export interface Memorial {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  /** The creating relative; null once their account is deleted (the cemetery keeps the grave's page). */
  ownerId: Types.ObjectId | null;
  /** What the grave's QR code carries. */
  code: string;
  status: 'pending' | 'approved' | 'rejected';
  visibility: Visibility;
  name: string;
  /** Character unigrams and bigrams of the name, for substring search without `$text`. */
  nameGrams: string[];
  birthDate: string;
  deathDate: string;
  portraitUrl: string | null;
  /** The upload behind `portraitUrl` when the owner chose one (given back when replaced). */
  portraitUploadId?: string | null;
  biography: string;
  /** Upload ids, in the order added; absent on memorials from before galleries. */
  gallery?: string[];
  /** The owner's unapproved life-story draft: never in any view but the owner's draft answer. */
  storyDraft?: StoryDraft | null;
  plot: Plot;
  relation: string;
  certificateNumber: string;
  createdAt: Date;
}

const schema = new Schema<Memorial>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    ownerId: { type: Schema.Types.ObjectId, default: null },
    code: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'approved', 'rejected'] },
    visibility: { type: String, required: true, enum: ['public', 'family', 'link'] },
    name: { type: String, required: true },
    nameGrams: { type: [String], required: true },
    birthDate: { type: String, required: true },
    deathDate: { type: String, required: true },
    portraitUrl: { type: String, default: null },
    biography: { type: String, default: '' },
    portraitUploadId: { type: String, default: null },
    gallery: { type: [String], default: [] },
    storyDraft: {
      type: new Schema<StoryDraft>(
        {
          facts: {
            type: new Schema(
              { hometown: String, work: String, family: String, knownFor: String, saying: String },
              { _id: false, strict: 'throw' },
            ),
            required: true,
          },
          text: { type: String, required: true },
          source: { type: String, required: true, enum: ['model', 'template'] },
          updatedAt: { type: Date, required: true },
        },
        { _id: false, strict: 'throw' },
      ),
      default: null,
    },
    plot: {
      type: new Schema<Plot>(
        { area: String, row: String, number: String, wayfinding: String },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
    relation: { type: String, required: true },
    certificateNumber: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ code: 1 }, { unique: true });
// Multikey: a search asks for all of its grams with `$all`, and the index narrows on the first.
schema.index({ nameGrams: 1, visibility: 1, status: 1 });
schema.index({ visibility: 1, status: 1, createdAt: -1, _id: -1 });
schema.index({ ownerId: 1 });
schema.index({ cemeteryId: 1, status: 1, createdAt: 1, _id: 1 });
// 墓穴信息 lookups: by certificate, or by the exact name (and death date).
schema.index({ certificateNumber: 1, status: 1 });
schema.index({ name: 1, deathDate: 1, status: 1 });

export const Memorials = defineModel('MemorialMemorial', schema, 'memorial_memorials');
