import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

export const REGISTRY_NAME_CONTEXT = 'insured_persons.name';
export const REGISTRY_ID_NUMBER_CONTEXT = 'insured_persons.idNumber';

/** The insured-person registry (`insured_persons`) as identity binding reads it. The insurance
 * feature owns the collection and its other fields; this model names only what a match needs,
 * under its own model name, and does not strip fields it does not know. */
export interface RegistryPerson {
  _id: Types.ObjectId;
  lookupKey: string;
  nameCipher: string;
}

const schema = new Schema<RegistryPerson>(
  {
    lookupKey: { type: String, required: true },
    nameCipher: { type: String, required: true },
  },
  { collection: 'insured_persons', versionKey: false, strict: false },
);
schema.index({ lookupKey: 1 }, { unique: true });

export const RegistryPersons = defineModel('RegistryPerson', schema);
