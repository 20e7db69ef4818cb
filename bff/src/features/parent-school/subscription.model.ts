import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** 下期提醒: tell this resident when a new session of a course, or at a venue, opens. */
export interface Subscription {
  _id: Types.ObjectId;
  holder: Types.ObjectId;
  target: 'course' | 'venue';
  targetId: Types.ObjectId;
  schoolId: Types.ObjectId;
  createdAt: Date;
}

const schema = new Schema<Subscription>(
  {
    holder: { type: Schema.Types.ObjectId, required: true },
    target: { type: String, enum: ['course', 'venue'], required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
    schoolId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ holder: 1, target: 1, targetId: 1 }, { unique: true });
// A new session finds the subscribers of its course and of its venue.
schema.index({ target: 1, targetId: 1 });

export const Subscriptions = defineModel('ParentSchoolSubscription', schema, 'parent_school_subscriptions');
