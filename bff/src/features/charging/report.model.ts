import { Schema, type Types } from 'mongoose';
import { reportKind, reportStatus } from '@warmcity/shared/api/charging';
import type { z } from 'zod';
import { defineModel } from '../../platform/model';
import { geoPointSchema, type GeoPoint } from './site.model';

/** A resident's report of unsafe charging near a site, worked by that site's staff. */
export interface ChargingReport {
  _id: Types.ObjectId;
  reporter: Types.ObjectId;
  siteId: Types.ObjectId;
  kind: z.infer<typeof reportKind>;
  place: string;
  description: string;
  location: GeoPoint | null;
  portId: Types.ObjectId | null;
  /** Platform uploads. */
  photoIds: Types.ObjectId[];
  status: z.infer<typeof reportStatus>;
  assigneeId: Types.ObjectId | null;
  createdAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  answer: { note: string; photoId: Types.ObjectId | null } | null;
}

const schema = new Schema<ChargingReport>(
  {
    reporter: { type: Schema.Types.ObjectId, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: reportKind.options, required: true },
    place: { type: String, required: true },
    description: { type: String, required: true },
    location: { type: geoPointSchema, default: null },
    portId: { type: Schema.Types.ObjectId, default: null },
    photoIds: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: reportStatus.options, default: 'open' },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
    assignedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    answer: {
      type: new Schema(
        { note: { type: String, required: true }, photoId: { type: Schema.Types.ObjectId, default: null } },
        { _id: false },
      ),
      default: null,
    },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ reporter: 1, createdAt: -1, _id: -1 });
schema.index({ siteId: 1, status: 1, createdAt: -1, _id: -1 });
schema.index({ siteId: 1, createdAt: -1, _id: -1 });

export const ChargingReports = defineModel('ChargingReport', schema, 'charging_reports');
