import { Schema, type Types } from 'mongoose';
import { addSeatPoolFields, type SeatPoolFields } from '../../platform/seats/fields';
import { defineModel } from '../../platform/model';

/** One session of a course at a venue: the seat pool its bookings draw from. */
export interface ClassSession extends SeatPoolFields {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  courseId: Types.ObjectId;
  venueId: Types.ObjectId;
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  cancelCutoffMinutes: number;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelNote: string | null;
  /**
   * 下期提醒 outbox: null until the notifications feature has told the course's and the venue's
   * subscribers that this session opened (it claims each with one `findOneAndUpdate`). On the
   * session itself, so creating a session stays one write.
   */
  openingDeliveredAt: Date | null;
  /** Until when a sweeper owns the 下期提醒 fan-out; one that died is claimed again after it. */
  openingClaimedUntil: Date | null;
}

export const SESSION_MODEL = 'ParentSchoolSession';

const schema = new Schema<ClassSession>(
  {
    schoolId: { type: Schema.Types.ObjectId, required: true },
    courseId: { type: Schema.Types.ObjectId, required: true },
    venueId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['scheduled', 'cancelled'], default: 'scheduled' },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    bookingOpensAt: { type: Date, required: true },
    bookingClosesAt: { type: Date, required: true },
    cancelCutoffMinutes: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    cancelledAt: { type: Date, default: null },
    cancelNote: { type: String, default: null },
    openingDeliveredAt: { type: Date, default: null },
    openingClaimedUntil: { type: Date, default: null },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatPoolFields(schema);
// The session list filters by school, venue or course and pages by start time.
schema.index({ schoolId: 1, startsAt: 1, _id: 1 });
schema.index({ venueId: 1, startsAt: 1, _id: 1 });
schema.index({ courseId: 1, startsAt: 1, _id: 1 });
schema.index({ startsAt: 1, _id: 1 });
schema.index({ openingDeliveredAt: 1, createdAt: 1 });

export const Sessions = defineModel(SESSION_MODEL, schema, 'parent_school_sessions');
