import { Schema, type Types } from 'mongoose';
import type { DeathNoticeState } from '@warmcity/shared/api/memorial-notices';
import { defineModel } from '../../platform/model';

export const OPEN_NOTICE_STATES: DeathNoticeState[] = ['submitted', 'accepted', 'in_progress'];

/**
 * A death reported to a cemetery's agency team. The deceased's ID number is kept as a lookup key
 * (to refuse a second open notice for the same person) and ciphertext, never as itself; the
 * contact phone is ciphertext beside its masked form. Each state move is one conditioned update.
 */
export interface DeathNotice {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  cemeteryName: string;
  reportedBy: Types.ObjectId;
  deceasedName: string;
  idLookupKey: string;
  idNumberCipher: string;
  maskedIdNumber: string;
  deathDate: string;
  place: string;
  relation: string;
  phoneCipher: string;
  maskedPhone: string;
  note: string;
  state: DeathNoticeState;
  timeline: { _id: Types.ObjectId; state: DeathNoticeState; at: Date; note: string; by: 'reporter' | 'agency' }[];
  seenAt: Date | null;
  createdAt: Date;
}

const step = new Schema<DeathNotice['timeline'][number]>(
  { state: String, at: Date, note: String, by: String },
  { strict: 'throw' },
);

const schema = new Schema<DeathNotice>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    cemeteryName: { type: String, required: true },
    reportedBy: { type: Schema.Types.ObjectId, required: true },
    deceasedName: { type: String, required: true },
    idLookupKey: { type: String, required: true },
    idNumberCipher: { type: String, required: true },
    maskedIdNumber: { type: String, required: true },
    deathDate: { type: String, required: true },
    place: { type: String, required: true },
    relation: { type: String, required: true },
    phoneCipher: { type: String, required: true },
    maskedPhone: { type: String, required: true },
    note: { type: String, default: '' },
    state: { type: String, required: true },
    timeline: { type: [step], default: [] },
    seenAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ reportedBy: 1, createdAt: -1, _id: -1 });
schema.index({ cemeteryId: 1, state: 1, createdAt: 1, _id: 1 });
// A reporter has one open notice per person: a second tap with a fresh key, or a second try
// from another phone, is refused by the index rather than by a read before the insert.
schema.index(
  { reportedBy: 1, idLookupKey: 1 },
  { unique: true, partialFilterExpression: { state: { $in: OPEN_NOTICE_STATES } } },
);

export const DeathNotices = defineModel('MemorialDeathNotice', schema, 'memorial_death_notices');
