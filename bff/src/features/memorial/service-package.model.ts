import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A service a cemetery offers for its plots, at a price in integer fen (0 = a free request). */
export interface ServicePackage {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  kind: 'sweeping' | 'burial' | 'repair';
  name: string;
  description: string;
  priceFen: number;
  active: boolean;
}

const schema = new Schema<ServicePackage>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: ['sweeping', 'burial', 'repair'] },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    priceFen: { type: Number, required: true, min: 0, validate: Number.isInteger },
    active: { type: Boolean, default: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ cemeteryId: 1, active: 1, priceFen: 1 });

export const ServicePackages = defineModel('MemorialServicePackage', schema, 'memorial_service_packages');
