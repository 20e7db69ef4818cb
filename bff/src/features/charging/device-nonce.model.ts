import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/**
 * A nonce a device has used. The unique index is the replay check (a second insert of the same
 * pair fails, however many BFF instances race), and the TTL index forgets a nonce once its
 * timestamp is too old to pass the skew check anyway.
 */
export interface DeviceNonce {
  _id: Types.ObjectId;
  deviceId: string;
  nonce: string;
  expiresAt: Date;
}

const schema = new Schema<DeviceNonce>(
  {
    deviceId: { type: String, required: true },
    nonce: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ deviceId: 1, nonce: 1 }, { unique: true, name: 'nonce_once_per_device' });
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'nonce_ttl' });

export const DeviceNonces = defineModel('ChargingDeviceNonce', schema, 'charging_device_nonces');
