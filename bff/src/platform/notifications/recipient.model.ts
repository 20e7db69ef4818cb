import { Schema, type Types } from 'mongoose';
import { notificationKinds, type NotificationKind } from '@warmcity/shared/api/notifications';
import { defineModel } from '../model';

/**
 * Where and whether to push to one account: the platform and its user id from the last sign-in
 * (accounts records it, so this module never reads another feature's data), the kinds turned
 * off, and the sends each one-time subscription template still allows (one per accepted
 * `requestSubscribeMessage`).
 */
export interface Recipient {
  _id: Types.ObjectId;
  platform: 'wechat' | 'alipay' | null;
  address: string | null;
  disabledKinds: NotificationKind[];
  grants: Map<string, number>;
  updatedAt: Date;
}

const schema = new Schema<Recipient>(
  {
    platform: { type: String, enum: ['wechat', 'alipay', null], default: null },
    address: { type: String, default: null },
    disabledKinds: { type: [{ type: String, enum: notificationKinds }], default: [] },
    grants: { type: Map, of: Number, default: () => new Map() },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

export const Recipients = defineModel('NotificationRecipient', schema, 'notification_recipients');
