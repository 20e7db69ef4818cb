import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

export const REGISTRY_NAME_CONTEXT = 'insured_persons.name';
export const REGISTRY_ID_NUMBER_CONTEXT = 'insured_persons.idNumber';

/** The insured-person registry (`insured_persons`) as identity binding reads it. The insurance
 * feature owns the collection and its other fields; this model names only what a match needs and
 * does not strip fields it does not know. When insurance lands it should extend this schema (or
 * move it and have accounts import it) rather than declare a second model on the collection:
 * `syncIndexes` drops every index a model does not declare, so two models would fight. */
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
