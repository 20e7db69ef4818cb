import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** GeoJSON as `2dsphere` wants it: longitude first. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

export const geoPointSchema = new Schema<GeoPoint>(
  {
    type: { type: String, enum: ['Point'], required: true },
    coordinates: { type: [Number], required: true },
  },
  { _id: false },
);

/** A charging site (a 充电棚, a row of outlets): where its ports are and what they cost. */
export interface ChargingSite {
  _id: Types.ObjectId;
  name: string;
  town: { code: string; name: string; district: string };
  address: string;
  location: GeoPoint;
  /** 'HH:MM' China time; 00:00–24:00 is round the clock. */
  hours: { opens: string; closes: string };
  /** 0 is a free site: no order, no payment step. */
  pricePerMinuteFen: number;
  /** How long a reservation holds a port before it is released as a no-show. */
  graceMinutes: number;
  /** A session stops by itself after this long. */
  maxMinutes: number;
  /** A port silent for longer than this is offline. */
  heartbeatSeconds: number;
  safetyNotes: string[];
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<ChargingSite>(
  {
    name: { type: String, required: true },
    town: {
      type: new Schema(
        { code: { type: String, required: true }, name: { type: String, required: true }, district: String },
        { _id: false },
      ),
      required: true,
    },
    address: { type: String, required: true },
    location: { type: geoPointSchema, required: true },
    hours: {
      type: new Schema(
        { opens: { type: String, required: true }, closes: { type: String, required: true } },
        { _id: false },
      ),
      required: true,
    },
    pricePerMinuteFen: {
      type: Number,
      required: true,
      min: 0,
      validate: { validator: Number.isInteger, message: 'price must be integer fen' },
    },
    graceMinutes: { type: Number, required: true, min: 1 },
    maxMinutes: { type: Number, required: true, min: 1 },
    heartbeatSeconds: { type: Number, required: true, min: 1 },
    safetyNotes: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
// "Sites near me" is a `$geoNear` over this index; the town picker groups by town.
schema.index({ location: '2dsphere' });
schema.index({ 'town.code': 1 });

export const ChargingSites = defineModel('ChargingSite', schema, 'charging_sites');
