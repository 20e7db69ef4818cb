import { Types } from 'mongoose';
import { maskIdNumber, maskPhone } from '@warmcity/shared/personal-data/masking';
import type { DataProtection } from '../../platform/personal-data/protection';
import type { DeathNotice } from './death-notice.model';

export const ID_NUMBER_CONTEXT = 'memorial.death-notice.idNumber';
export const PHONE_CONTEXT = 'memorial.death-notice.contactPhone';

export interface NoticeFacts {
  cemetery: { _id: Types.ObjectId; name: string };
  reportedBy: Types.ObjectId;
  deceasedName: string;
  /** Already checked and normalised. */
  idNumber: string;
  deathDate: string;
  place: string;
  relation: string;
  contactPhone: string;
  note: string;
}

/** A new notice as stored: the ID number and phone only as lookup key, ciphertext and masked form. */
export function sealNotice(protection: DataProtection, facts: NoticeFacts, now: Date): Omit<DeathNotice, '_id'> {
  return {
    cemeteryId: facts.cemetery._id,
    cemeteryName: facts.cemetery.name,
    reportedBy: facts.reportedBy,
    deceasedName: facts.deceasedName,
    idLookupKey: protection.lookupKey(facts.idNumber),
    idNumberCipher: protection.encrypt(facts.idNumber, ID_NUMBER_CONTEXT),
    maskedIdNumber: maskIdNumber(facts.idNumber),
    deathDate: facts.deathDate,
    place: facts.place,
    relation: facts.relation,
    phoneCipher: protection.encrypt(facts.contactPhone, PHONE_CONTEXT),
    maskedPhone: maskPhone(facts.contactPhone),
    note: facts.note,
    state: 'submitted',
    timeline: [{ _id: new Types.ObjectId(), state: 'submitted', at: now, note: '', by: 'reporter' }],
    seenAt: null,
    createdAt: now,
  };
}
