import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

/** 清明 or 烈士纪念日: counts every tribute inside its window on the cemetery's public memorials,
 * or only on `memorialIds` when the staff named some. */
export interface Campaign {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  name: string;
  startsAt: Date;
  endsAt: Date;
  memorialIds: Types.ObjectId[];
}

const schema = new Schema<Campaign>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    memorialIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ cemeteryId: 1, startsAt: 1, endsAt: 1 });

export const Campaigns = defineModel('MemorialCampaign', schema, 'memorial_campaigns');
