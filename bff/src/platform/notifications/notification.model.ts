import { Schema, type Types } from 'mongoose';
import { notificationKinds, type NotificationKind } from '@warmcity/shared/api/notifications';
import { defineModel } from '../model';

/**
 * One document is both the inbox entry and the outbox item of its push, so a notification and
 * its delivery state change together in single-document updates.
 *
 * `state`: `held` until its guard (the state change it announces) is seen done, then `live`;
 * `void` when that state change never happened; `cancelled` by the feature (a reminder whose
 * booking was cancelled). Only `live` ones are shown.
 *
 * `delivery.status`: `waiting` for `dueAt`; `sending` while a worker holds the lease; then one of
 * `sent`, `refused` (the platform said no for good), `dead` (gave up after every retry, or a
 * worker died mid-send), `skipped` (inbox only: no template, kind off, no quota, no platform).
 */
export type DeliveryStatus = 'waiting' | 'sending' | 'sent' | 'refused' | 'dead' | 'skipped';

export interface Notification {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  values: Record<string, string>;
  dedupeKey: string;
  /** Groups scheduled notifications a feature moves or cancels together (`ps:session:<id>`). */
  topic: string | null;
  urgent: boolean;
  /** Not pushed after this (see `NotifyOptions.pushBy`); null when it never goes stale. */
  pushBy: Date | null;
  state: 'held' | 'live' | 'void' | 'cancelled';
  /** EJSON of `{ collection, filter }`: the notification stands once `filter` matches a document. */
  guard: string | null;
  createdAt: Date;
  /** When the inbox shows it: now, or a scheduled notification's send time. */
  visibleAt: Date;
  readAt: Date | null;
  delivery: {
    status: DeliveryStatus;
    dueAt: Date;
    attempts: number;
    leaseUntil: Date | null;
    /** Which claim holds the lease, so a worker whose lease was taken over writes nothing. */
    leaseId: Types.ObjectId | null;
    platform: 'wechat' | 'alipay' | null;
    lastError: string | null;
    finishedAt: Date | null;
  };
}

const delivery = new Schema<Notification['delivery']>(
  {
    status: {
      type: String,
      enum: ['waiting', 'sending', 'sent', 'refused', 'dead', 'skipped'],
      required: true,
    },
    dueAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    leaseUntil: { type: Date, default: null },
    leaseId: { type: Schema.Types.ObjectId, default: null },
    platform: { type: String, enum: ['wechat', 'alipay', null], default: null },
    lastError: { type: String, default: null },
    finishedAt: { type: Date, default: null },
  },
  { _id: false, versionKey: false, strict: 'throw' },
);

const schema = new Schema<Notification>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: notificationKinds, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    link: { type: String, default: null },
    values: { type: Schema.Types.Mixed, default: {} },
    dedupeKey: { type: String, required: true },
    topic: { type: String, default: null },
    urgent: { type: Boolean, default: false },
    pushBy: { type: Date, default: null },
    state: { type: String, enum: ['held', 'live', 'void', 'cancelled'], required: true },
    guard: { type: String, default: null },
    createdAt: { type: Date, required: true },
    visibleAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    delivery: { type: delivery, required: true },
  },
  { versionKey: false, strict: 'throw', minimize: false },
);
// One notification per event, however often a request, a repair or a sweeper announces it.
schema.index({ dedupeKey: 1 }, { unique: true });
// The inbox, newest first; the unread badge counts within one user's entries on it too.
schema.index({ userId: 1, state: 1, visibleAt: -1, _id: -1 });
// Workers claim what is due; the few `sending` ones (expired leases) are found on its prefix.
schema.index({ 'delivery.status': 1, 'delivery.dueAt': 1 });
schema.index({ topic: 1, kind: 1 }, { partialFilterExpression: { topic: { $type: 'string' } } });

export const Notifications = defineModel('Notification', schema, 'notifications');
