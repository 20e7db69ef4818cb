import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A school whose gate hosts parent classes; staff are scoped to one by `school:<id>`. */
export interface School {
  _id: Types.ObjectId;
  name: string;
  district: string;
}

const schema = new Schema<School>(
  {
    name: { type: String, required: true },
    district: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

export const Schools = defineModel('ParentSchoolSchool', schema, 'parent_school_schools');
