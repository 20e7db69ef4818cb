import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A public space near a school gate where sessions are held. */
export interface Venue {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  name: string;
  address: string;
}

const schema = new Schema<Venue>(
  {
    schoolId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    address: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ schoolId: 1, name: 1 });

export const Venues = defineModel('ParentSchoolVenue', schema, 'parent_school_venues');
