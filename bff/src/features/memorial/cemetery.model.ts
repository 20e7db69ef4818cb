import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A cemetery; its staff are scoped to it by `cemetery:<id>`. */
export interface Cemetery {
  _id: Types.ObjectId;
  name: string;
  address: string;
}

const schema = new Schema<Cemetery>(
  {
    name: { type: String, required: true },
    address: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

export const Cemeteries = defineModel('MemorialCemetery', schema, 'memorial_cemeteries');
