import { Schema, type Types } from 'mongoose';
import { addSeatFields, type SeatFields } from '../../platform/seats/fields';
import { defineModel } from '../../platform/model';
import { VISIT_SLOT_MODEL } from './visit-slot.model';

/** A resident's visit in a slot: one seat of `places` = 1 + companions, taken all at once. */
export interface Visit extends SeatFields {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  /** Copied from the slot so "my visits" is one indexed query. */
  slotStartsAt: Date;
  companions: string[];
  entryCode: string;
  checkedInAt: Date | null;
  checkedInBy: Types.ObjectId | null;
}

const schema = new Schema<Visit>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    slotStartsAt: { type: Date, required: true },
    companions: { type: [String], default: [] },
    entryCode: { type: String, required: true },
    checkedInAt: { type: Date, default: null },
    checkedInBy: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatFields(schema, { poolModel: VISIT_SLOT_MODEL });
// The gate types the code without knowing the slot, so it is unique across all visits.
schema.index({ entryCode: 1 }, { unique: true, name: 'entry_code' });
schema.index({ holder: 1, slotStartsAt: -1, _id: -1 });
// 今日数据: the visits booked for one day's slots.
schema.index({ cemeteryId: 1, slotStartsAt: 1 });

export const Visits = defineModel('MemorialVisit', schema, 'memorial_visits');
