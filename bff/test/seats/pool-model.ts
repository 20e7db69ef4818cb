import { Schema, Types, type Connection } from 'mongoose';
import {
  addSeatFields,
  addSeatPoolFields,
  type SeatFields,
  type SeatPoolFields,
} from '../../src/platform/seats/fields';
import type { SeatModels } from '../../src/platform/seats/journal';
import { createSeats, type SeatOptions } from '../../src/platform/seats/seats';
import type { TestClock } from '../support/app';

/** The smallest feature the seats mechanism can serve: a slot with a label, a seat with a note. */
export interface Slot extends SeatPoolFields {
  _id: Types.ObjectId;
  label: string;
}
export interface Place extends SeatFields {
  _id: Types.ObjectId;
  note: string | null;
}

const slotSchema = new Schema<Slot>({ label: { type: String, required: true } }, { versionKey: false });
addSeatPoolFields(slotSchema);
const placeSchema = new Schema<Place>({ note: { type: String, default: null } }, { versionKey: false });
addSeatFields(placeSchema, { poolModel: 'TestSlot' });

export async function slotModels(connection: Connection): Promise<SeatModels<Slot, Place>> {
  const models = {
    pools: connection.model('TestSlot', slotSchema, 'test_slots'),
    seats: connection.model('TestPlace', placeSchema, 'test_places'),
  };
  await Promise.all([models.pools.syncIndexes(), models.seats.syncIndexes()]);
  return models;
}

export function slotSeats(models: SeatModels<Slot, Place>, clock: TestClock, options: Omit<SeatOptions, 'clock'> = {}) {
  return createSeats(models, { ...options, clock });
}

export async function newSlots(
  models: SeatModels<Slot, Place>,
  n: number,
  { capacity, waitlist = 'fifo' }: { capacity: number; waitlist?: 'fifo' | 'none' },
): Promise<Types.ObjectId[]> {
  const created = await models.pools.create(
    Array.from({ length: n }, (_, i) => ({ label: `slot ${i + 1}`, capacity, waitlist })),
  );
  return created.map((slot) => slot._id);
}

/** The pool's counter beside what its seats hold, read straight from the database. */
export async function slotState(models: SeatModels<Slot, Place>, slot: Types.ObjectId) {
  const pool = await models.pools.findById(slot).lean();
  if (!pool) throw new Error('no such slot');
  const seats = await models.seats.find({ pool: slot }).lean();
  const confirmed = seats.filter((s) => s.status === 'confirmed');
  return {
    capacity: pool.capacity,
    booked: pool.booked,
    journal: pool.journal.length,
    confirmedPlaces: confirmed.reduce((sum, s) => sum + s.places, 0),
    confirmed: confirmed.length,
    waitlisted: seats.filter((s) => s.status === 'waitlisted').length,
  };
}

export const holders = (n: number) => Array.from({ length: n }, () => new Types.ObjectId());
