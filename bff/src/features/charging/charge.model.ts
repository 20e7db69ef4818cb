import { Schema, type Types } from 'mongoose';
import type { EndReason } from '@warmcity/shared/api/charging';
import { endReason } from '@warmcity/shared/api/charging';
import { defineModel } from '../../platform/model';
import { ACTIVE_SEAT_STATUSES, addSeatFields, type SeatFields } from '../../platform/seats/fields';
import { PORT_MODEL } from './port.model';

/**
 * A reservation and the session it becomes: one seat on a port (`pool`) held by a resident
 * (`holder`). A reservation is a hold (`expiresAt` = end of the grace period); starting converts
 * it; stopping releases it with the bill in the same update. A walk-up start is a take without
 * a hold. The seats status says whether it holds the port; `startedAt`/`endedAt` say which phase.
 */
export interface Charge extends SeatFields {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  /** Fixed when the charge is made, so a later price edit never changes a bill. */
  pricePerMinuteFen: number;
  maxMinutes: number;
  /** Null for a walk-up start. */
  reservedAt: Date | null;
  startedAt: Date | null;
  /** startedAt + maxMinutes while charging (the max-length sweeper's key); null otherwise. */
  stopsBy: Date | null;
  endedAt: Date | null;
  endReason: EndReason | null;
  /** The bill, written with the release that ends the session. */
  seconds: number | null;
  minutes: number | null;
  costFen: number | null;
  /** Last meter reading of the session (Wh since it started) and when it came. */
  energyWh: number | null;
  meterAt: Date | null;
  orderId: Types.ObjectId | null;
  /** Set with the bill of a session that costs something, cleared once its order exists: a
   * stop that died between the two is finished by the sweeper. */
  orderDueAt: Date | null;
  paidAt: Date | null;
  /** When the no-show notice went out; null until then (the expiry sweeper's outbox). */
  noShowToldAt: Date | null;
}

export const CHARGE_MODEL = 'ChargingCharge';

const schema = new Schema<Charge>(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    pricePerMinuteFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    maxMinutes: { type: Number, required: true, min: 1 },
    reservedAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    stopsBy: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    endReason: { type: String, enum: [...endReason.options, null], default: null },
    seconds: { type: Number, default: null },
    minutes: { type: Number, default: null },
    costFen: {
      type: Number,
      default: null,
      validate: { validator: (v: number | null) => v === null || Number.isInteger(v), message: 'integer fen' },
    },
    energyWh: { type: Number, default: null },
    meterAt: { type: Date, default: null },
    orderId: { type: Schema.Types.ObjectId, default: null },
    orderDueAt: { type: Date, default: null },
    paidAt: { type: Date, default: null },
    noShowToldAt: { type: Date, default: null },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatFields(schema, { poolModel: PORT_MODEL });
// At most one active reservation or session per resident across every site: the seats'
// per-pool and per-group indexes only cover one port or one site.
schema.index(
  { holder: 1 },
  {
    unique: true,
    partialFilterExpression: { status: { $in: ACTIVE_SEAT_STATUSES } },
    name: 'one_active_charge_per_resident',
  },
);
// 我的充电记录 (sessions, by start) and all my charges (by creation).
schema.index({ holder: 1, startedAt: -1, _id: -1 });
schema.index({ holder: 1, createdAt: -1, _id: -1 });
// The max-length sweeper; only running sessions have it set.
schema.index({ stopsBy: 1 }, { partialFilterExpression: { stopsBy: { $type: 'date' } }, name: 'session_stops_by' });
schema.index({ orderDueAt: 1 }, { partialFilterExpression: { orderDueAt: { $type: 'date' } }, name: 'order_due' });
// The no-show notice outbox.
schema.index({ status: 1, noShowToldAt: 1 });
// A port's current charge (device messages, staff), and a site's day (today's usage).
schema.index({ pool: 1, status: 1 });
schema.index({ siteId: 1, endedAt: 1 });

export const Charges = defineModel(CHARGE_MODEL, schema, 'charging_charges');
