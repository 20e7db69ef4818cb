import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/**
 * Outbox of "a new session opened" events for 下期提醒. Written with the session; the
 * notifications feature will claim undelivered ones with `findOneAndUpdate` and fan them out to
 * the subscribers of the course and the venue, so several BFF instances can deliver them.
 */
export interface Opening {
  _id: Types.ObjectId;
  sessionId: Types.ObjectId;
  courseId: Types.ObjectId;
  venueId: Types.ObjectId;
  createdAt: Date;
  deliveredAt: Date | null;
  /** A sweeper announcing it owns it until then; another takes over after. */
  claimedUntil: Date | null;
}

const schema = new Schema<Opening>(
  {
    sessionId: { type: Schema.Types.ObjectId, required: true },
    courseId: { type: Schema.Types.ObjectId, required: true },
    venueId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
    claimedUntil: { type: Date, default: null },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ sessionId: 1 }, { unique: true });
schema.index({ deliveredAt: 1, createdAt: 1 });

export const Openings = defineModel('ParentSchoolOpening', schema, 'parent_school_openings');
