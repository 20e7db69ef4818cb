import { Schema, type Types } from 'mongoose';
import { importKinds } from '@warmcity/shared/api/insurance';
import { defineModel } from '../../platform/model';
import type { DetectedEncoding, ImportFormat } from './import';

/** A batch file a staff member uploads in chunks of whole lines; the report grows chunk by chunk. */
export interface ImportJob {
  _id: Types.ObjectId;
  actor: Types.ObjectId;
  kind: (typeof importKinds)[number];
  format: ImportFormat;
  /** The CSV header line (raw bytes as base64), put before each later chunk; null for JSON lines. */
  header: string | null;
  encoding: DetectedEncoding | null;
  totalBytes: number;
  receivedBytes: number;
  /** The chunk the job takes next: the condition that makes each chunk count once. */
  nextSeq: number;
  /** Lines of the file before the next chunk, so rows are reported by their line in the file. */
  lines: number;
  done: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  upserted: number;
  modified: number;
  /** The first 1000 rejected rows (mongoose reserves `errors`). */
  rejectedRows: { line: number; reason: string }[];
  createdAt: Date;
}

const schema = new Schema<ImportJob>(
  {
    actor: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: importKinds, required: true },
    format: { type: String, enum: ['csv', 'jsonl'], required: true },
    header: { type: String, default: null },
    encoding: { type: String, default: null },
    totalBytes: { type: Number, required: true },
    receivedBytes: { type: Number, default: 0 },
    nextSeq: { type: Number, default: 0 },
    lines: { type: Number, default: 0 },
    done: { type: Boolean, default: false },
    rows: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    rejected: { type: Number, default: 0 },
    upserted: { type: Number, default: 0 },
    modified: { type: Number, default: 0 },
    rejectedRows: {
      type: [new Schema({ line: Number, reason: String }, { _id: false, strict: 'throw' })],
      default: [],
    },
    createdAt: { type: Date, required: true },
  },
  { collection: 'insurance_import_jobs', versionKey: false, strict: 'throw' },
);
// Chunks find their job by _id and the staff member who started it.
schema.index({ actor: 1, _id: -1 });

export const ImportJobs = defineModel('InsuranceImportJob', schema);
