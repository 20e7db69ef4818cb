import { Schema, type Types } from 'mongoose';
import { insuranceStatuses, insuranceTypes } from '@warmcity/shared/api/insurance';
import { defineModel } from '../model';
import type { SealedCollection } from './sealed';

export const REGISTRY_NAME_CONTEXT = 'insured_persons.name';
export const REGISTRY_ID_NUMBER_CONTEXT = 'insured_persons.idNumber';

/** The insured-person registry (`insured_persons`), fed from the insurance system. It lives in
 * the platform because two features read it and features do not import each other: accounts
 * matches an identity against it (lookup key and name), insurance shows the rest. One model, so
 * `syncIndexes` sees one set of indexes. The insurance fields are null for a person the registry
 * knows but whose insurance record has not been imported yet. */
export interface InsuredPerson {
  _id: Types.ObjectId;
  lookupKey: string;
  nameCipher: string;
  idNumberCipher: string | null;
  maskedName: string | null;
  maskedIdNumber: string | null;
  insuranceType: (typeof insuranceTypes)[number] | null;
  status: (typeof insuranceStatuses)[number] | null;
  region: string | null;
  /** `YYYY-MM-DD`. */
  since: string | null;
}

const schema = new Schema<InsuredPerson>(
  {
    lookupKey: { type: String, required: true },
    nameCipher: { type: String, required: true },
    idNumberCipher: { type: String, default: null },
    maskedName: { type: String, default: null },
    maskedIdNumber: { type: String, default: null },
    insuranceType: { type: String, enum: [...insuranceTypes, null], default: null },
    status: { type: String, enum: [...insuranceStatuses, null], default: null },
    region: { type: String, default: null },
    since: { type: String, default: null },
  },
  { collection: 'insured_persons', versionKey: false, strict: 'throw' },
);
schema.index({ lookupKey: 1 }, { unique: true });

export const InsuredPersons = defineModel('InsuredPerson', schema);

export const insuredPersonsSealed: SealedCollection = {
  model: InsuredPersons,
  fields: [
    { path: 'nameCipher', context: REGISTRY_NAME_CONTEXT },
    { path: 'idNumberCipher', context: REGISTRY_ID_NUMBER_CONTEXT },
  ],
  lookup: { path: 'lookupKey', from: 'idNumberCipher' },
};
