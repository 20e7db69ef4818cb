import { Schema, type Types } from 'mongoose';
import { relations } from '@warmcity/shared/api/insurance';
import { defineModel } from '../../platform/model';

/** 家庭共济: a relative bound to an owner's account, asked by the owner, confirmed by the relative. */
export interface FamilyLink {
  _id: Types.ObjectId;
  ownerPersonId: Types.ObjectId;
  relativePersonId: Types.ObjectId;
  relation: (typeof relations)[number];
  status: 'pending' | 'bound';
  requestedAt: Date;
  confirmedAt: Date | null;
}

const schema = new Schema<FamilyLink>(
  {
    ownerPersonId: { type: Schema.Types.ObjectId, required: true },
    relativePersonId: { type: Schema.Types.ObjectId, required: true },
    relation: { type: String, enum: relations, required: true },
    status: { type: String, enum: ['pending', 'bound'], required: true },
    requestedAt: { type: Date, required: true },
    confirmedAt: { type: Date, default: null },
  },
  { collection: 'insurance_family_links', versionKey: false, strict: 'throw' },
);
// One link per pair, whatever its state: asking twice answers FAMILY_LINK_EXISTS. Unbinding deletes it.
schema.index({ ownerPersonId: 1, relativePersonId: 1 }, { unique: true });
schema.index({ relativePersonId: 1 });

export const FamilyLinks = defineModel('FamilyLink', schema);
