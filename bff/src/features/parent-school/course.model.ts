import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A ~30-minute micro-course, given in any number of sessions. */
export interface Course {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  title: string;
  summary: string;
  speaker: string;
  durationMinutes: number;
}

const schema = new Schema<Course>(
  {
    schoolId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    summary: { type: String, required: true },
    speaker: { type: String, required: true },
    durationMinutes: { type: Number, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ schoolId: 1, title: 1 });

export const Courses = defineModel('ParentSchoolCourse', schema, 'parent_school_courses');
