import { mongo, Schema, type InferSchemaType, type Types } from 'mongoose';
import { uploadMediaType } from '@warmcity/shared/api/uploads';
import { defineModel } from '../model';

/** Which feature object an upload belongs to, once the feature has claimed it. */
const attachment = new Schema(
  {
    feature: { type: String, required: true },
    id: { type: String, required: true },
  },
  { _id: false },
);

const schema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, required: true },
    mime: { type: String, enum: uploadMediaType.options, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    // The cleaned bytes; 5 MB stays far below the 16 MB document limit.
    data: { type: Buffer, required: true },
    attachedTo: { type: attachment, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'uploads', versionKey: false },
);
// The sweep of unclaimed uploads; account deletion and export.
schema.index({ attachedTo: 1, createdAt: 1 });
schema.index({ owner: 1, createdAt: 1 });

export type Upload = InferSchemaType<typeof schema> & { _id: Types.ObjectId };
export type Attachment = { feature: string; id: string };

export const Uploads = defineModel('Upload', schema);

/** The stored bytes as a Buffer over the same memory: `lean()` hands back the driver's `Binary`. */
export function bytesOf(data: Buffer | mongo.Binary): Buffer {
  if (!(data instanceof mongo.Binary)) return data;
  return Buffer.from(data.buffer.buffer, data.buffer.byteOffset, data.position);
}
