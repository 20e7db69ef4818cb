import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A medical-insurance service hall. Hours are China time, `HH:MM-HH:MM` spans. */
export interface ServiceHall {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  /** The insurance region it serves; its clerks (`service-hall:<id>` scope) see this region's persons. */
  region: string;
  address: string;
  phone: string;
  location: { lat: number; lng: number };
  /** Index 0 is Monday … 6 Sunday; an empty list is closed. */
  weekHours: string[][];
  lunchtimeService: boolean;
  saturdayService: boolean;
  /** Holidays and make-up working days: the hours that day replace the weekday's. */
  exceptions: { date: string; hours: string[]; note: string }[];
  phoneMatters: string[];
}

const schema = new Schema<ServiceHall>(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    region: { type: String, required: true },
    address: { type: String, required: true },
    phone: { type: String, required: true },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    weekHours: { type: [[String]], required: true },
    lunchtimeService: { type: Boolean, required: true },
    saturdayService: { type: Boolean, required: true },
    exceptions: {
      type: [new Schema({ date: String, hours: [String], note: String }, { _id: false, strict: 'throw' })],
      default: [],
    },
    phoneMatters: { type: [String], default: [] },
  },
  { collection: 'insurance_service_halls', versionKey: false, strict: 'throw' },
);
schema.index({ slug: 1 }, { unique: true });
schema.index({ name: 1 });
schema.index({ region: 1 });

export const ServiceHalls = defineModel('ServiceHall', schema);
