import { Schema, type Types } from 'mongoose';
import { addSeatFields, type SeatFields } from '../../platform/seats/fields';
import { defineModel } from '../../platform/model';
import { SESSION_MODEL } from './session.model';

/**
 * A resident's seat in a session. The seats mechanism names the session `pool` and the
 * resident's account `holder`; the rest is this feature's.
 */
export interface Booking extends SeatFields {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  /** Copied from the session (and kept in step when staff move it) so "my upcoming bookings"
   * is one indexed query. */
  sessionStartsAt: Date;
  shortCode: string;
  checkedInAt: Date | null;
  checkedInBy: Types.ObjectId | null;
  cancelReason: 'resident' | 'session_cancelled' | 'account_deleted' | null;
}

const schema = new Schema<Booking>(
  {
    schoolId: { type: Schema.Types.ObjectId, required: true },
    sessionStartsAt: { type: Date, required: true },
    shortCode: { type: String, required: true },
    checkedInAt: { type: Date, default: null },
    checkedInBy: { type: Schema.Types.ObjectId, default: null },
    cancelReason: { type: String, enum: ['resident', 'session_cancelled', 'account_deleted', null], default: null },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatFields(schema, { poolModel: SESSION_MODEL });
// Staff type the short code at one session, so it only needs to be unique there.
schema.index({ pool: 1, shortCode: 1 }, { unique: true, name: 'short_code_per_session' });
schema.index({ holder: 1, sessionStartsAt: 1, _id: 1 });
// Families served: check-ins of a school in a year.
schema.index({ schoolId: 1, checkedInAt: 1 });

export const Bookings = defineModel('ParentSchoolBooking', schema, 'parent_school_bookings');
