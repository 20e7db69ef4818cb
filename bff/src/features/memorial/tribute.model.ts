import { Schema, type Types } from 'mongoose';
import { defineModel } from '../../platform/model';

export type TributeKind = 'flower' | 'candle' | 'incense' | 'message';
export type MessageStatus = 'shown' | 'held' | 'hidden' | 'rejected';

/**
 * One tribute. It is inserted before any counter moves, with the counter keys it must reach in
 * `targets` and `counted: false`; it turns `counted` once every key has taken it, so a request
 * that dies in between leaves a row the repair sweeper finishes (see counters.ts).
 */
export interface Tribute {
  _id: Types.ObjectId;
  memorialId: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  authorId: Types.ObjectId | null;
  kind: TributeKind;
  text: string | null;
  /** Null for flowers, candles and incense. */
  status: MessageStatus | null;
  targets: string[];
  shard: number;
  counted: boolean;
  /** Until then the writer that inserted or last claimed it owns the counting. */
  leaseUntil: Date;
  createdAt: Date;
}

const schema = new Schema<Tribute>(
  {
    memorialId: { type: Schema.Types.ObjectId, required: true },
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, required: true, enum: ['flower', 'candle', 'incense', 'message'] },
    text: { type: String, default: null },
    status: { type: String, default: null, enum: ['shown', 'held', 'hidden', 'rejected', null] },
    targets: { type: [String], required: true },
    shard: { type: Number, required: true },
    counted: { type: Boolean, required: true },
    leaseUntil: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
// Partial indexes: on a Qingming morning nearly every tribute is a flower, candle or incense
// stick, which no message query and, once counted, no sweep looks for; leaving them out keeps
// the hot insert to four index entries and these indexes small.
const messages = { partialFilterExpression: { kind: 'message' } };
schema.index({ memorialId: 1, kind: 1, createdAt: -1, _id: -1 }, messages);
schema.index({ cemeteryId: 1, status: 1, createdAt: 1 }, messages);
// A campaign's latest messages: the shown ones.
schema.index({ targets: 1, status: 1, createdAt: -1 }, { partialFilterExpression: { status: 'shown' } });
// The repair sweep's: only the uncounted.
schema.index({ counted: 1, leaseUntil: 1 }, { partialFilterExpression: { counted: false } });
schema.index({ authorId: 1 });
// 今日数据: the cemetery's tributes of one day.
schema.index({ cemeteryId: 1, createdAt: 1 });

export const Tributes = defineModel('MemorialTribute', schema, 'memorial_tributes');
