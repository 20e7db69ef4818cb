import { Schema, type Types } from 'mongoose';
import { addSeatPoolFields, type SeatPoolFields } from '../../platform/seats/fields';
import { defineModel } from '../../platform/model';

/** A peak-day visiting window at a cemetery: a seat pool counted in persons, without a waitlist. */
export interface VisitSlot extends SeatPoolFields {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export const VISIT_SLOT_MODEL = 'MemorialVisitSlot';

const schema = new Schema<VisitSlot>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatPoolFields(schema);
schema.index({ cemeteryId: 1, endsAt: 1, startsAt: 1 });

export const VisitSlots = defineModel(VISIT_SLOT_MODEL, schema, 'memorial_visit_slots');
