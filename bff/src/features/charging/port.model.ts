import { Schema, type Types } from 'mongoose';
import type { ConnectorStatus } from '@warmcity/shared/api/charging';
import { connectorStatus } from '@warmcity/shared/api/charging';
import { defineModel } from '../../platform/model';
import { addSeatPoolFields, type SeatPoolFields } from '../../platform/seats/fields';

/**
 * One charging port: a seat pool of one place without a waitlist, so "never two holds or
 * sessions on one port" is the seats guard. Its `capacity` is 1 while the port can be used and 0
 * while it is faulted, offline or out of service: whoever takes a port out of use sets 0 first
 * and then ends what is on it (`endPortCharge`), so nothing new lands on it in between, and
 * "free ports" is simply `booked < capacity`.
 */
export interface ChargingPort extends SeatPoolFields {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  /** What the QR code carries and residents type (shared `portCode`); unique. */
  code: string;
  /** Painted on the port: 1号, A-03. */
  label: string;
  /** Grid order within the site. */
  sort: number;
  outOfService: boolean;
  /** Set by the heartbeat sweeper when the device went silent; a port whose device never
   * reported (a plain outlet) is never offline. */
  offline: boolean;
  /** OCPP status as last reported. */
  connectorStatus: ConnectorStatus;
  faultCode: string | null;
  plugged: boolean;
  lastHeartbeatAt: Date | null;
  /** The id the device signs with; unique. */
  deviceId: string;
  /** The device's HMAC key, sealed with `dataProtection(config).encrypt(secret, DEVICE_SECRET_CONTEXT)`. */
  deviceSecret: string;
  createdAt: Date;
}

export const PORT_MODEL = 'ChargingPort';
export const DEVICE_SECRET_CONTEXT = 'charging_ports.deviceSecret';

const schema = new Schema<ChargingPort>(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
    label: { type: String, required: true },
    sort: { type: Number, required: true },
    outOfService: { type: Boolean, default: false },
    offline: { type: Boolean, default: false },
    connectorStatus: { type: String, enum: connectorStatus.options, default: 'Available' },
    faultCode: { type: String, default: null },
    plugged: { type: Boolean, default: false },
    lastHeartbeatAt: { type: Date, default: null },
    deviceId: { type: String, required: true },
    deviceSecret: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
addSeatPoolFields(schema);
// A taken port refuses (`full`): nobody queues at a charging port.
schema.path('waitlist').default('none');
schema.index({ code: 1 }, { unique: true, name: 'port_code' });
schema.index({ deviceId: 1 }, { unique: true, name: 'port_device' });
// A site's grid, and the free-port count per site (`booked < capacity` over the site's ports).
schema.index({ siteId: 1, sort: 1 });
// The heartbeat sweeper: ports that have reported, by last heartbeat.
schema.index({ lastHeartbeatAt: 1 }, { partialFilterExpression: { lastHeartbeatAt: { $type: 'date' } } });

export const ChargingPorts = defineModel(PORT_MODEL, schema, 'charging_ports');
