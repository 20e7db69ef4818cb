import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** A relative the owner invited to a `family` memorial; revoking deletes the row. */
export interface Relative {
  _id: Types.ObjectId;
  memorialId: Types.ObjectId;
  accountId: Types.ObjectId;
  joinedAt: Date;
}

const schema = new Schema<Relative>(
  {
    memorialId: { type: Schema.Types.ObjectId, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    joinedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ memorialId: 1, accountId: 1 }, { unique: true });
schema.index({ accountId: 1 });

export const Relatives = defineModel('MemorialRelative', schema, 'memorial_relatives');

/** A one-use invite; accepting claims it with one conditional update, so it admits one relative. */
export interface Invite {
  _id: Types.ObjectId;
  memorialId: Types.ObjectId;
  ownerId: Types.ObjectId;
  code: string;
  expiresAt: Date;
  usedBy: Types.ObjectId | null;
}

const inviteSchema = new Schema<Invite>(
  {
    memorialId: { type: Schema.Types.ObjectId, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { versionKey: false, strict: 'throw' },
);
inviteSchema.index({ code: 1 }, { unique: true });
inviteSchema.index({ ownerId: 1 });

export const Invites = defineModel('MemorialInvite', inviteSchema, 'memorial_invites');
