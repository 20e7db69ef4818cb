import { Schema, type Types } from 'mongoose';
import type { ServiceOrderState } from '@warmcity/shared/api/memorial-orders';
import { defineModel } from '../../platform/model';
import type { ServicePackage } from './service-package.model';

/** A family's order for a service on a memorial's plot. Each state move is one conditioned update. */
export interface ServiceOrder {
  _id: Types.ObjectId;
  cemeteryId: Types.ObjectId;
  memorialId: Types.ObjectId;
  memorialName: string;
  plot: { area: string; row: string; number: string };
  placedBy: Types.ObjectId;
  /** The package as it was when ordered, so a later price change does not rewrite the order. */
  package: Omit<ServicePackage, 'active'>;
  date: string;
  note: string;
  state: ServiceOrderState;
  paymentOrderId: string | null;
  photos: string[];
  completionPhotos: string[];
  cancelReason: string | null;
  refundedFen: number;
  refundIds: string[];
  timeline: { state: ServiceOrderState; at: Date }[];
  createdAt: Date;
}

const schema = new Schema<ServiceOrder>(
  {
    cemeteryId: { type: Schema.Types.ObjectId, required: true },
    memorialId: { type: Schema.Types.ObjectId, required: true },
    memorialName: { type: String, required: true },
    plot: {
      type: new Schema<ServiceOrder['plot']>(
        { area: String, row: String, number: String },
        { _id: false, strict: 'throw' },
      ),
      required: true,
    },
    placedBy: { type: Schema.Types.ObjectId, required: true },
    package: {
      type: new Schema<ServiceOrder['package']>(
        {
          _id: Schema.Types.ObjectId,
          cemeteryId: Schema.Types.ObjectId,
          kind: String,
          name: String,
          description: String,
          priceFen: { type: Number, min: 0, validate: Number.isInteger },
        },
        { strict: 'throw' },
      ),
      required: true,
    },
    date: { type: String, required: true },
    note: { type: String, default: '' },
    state: { type: String, required: true },
    paymentOrderId: { type: String, default: null },
    photos: { type: [String], default: [] },
    completionPhotos: { type: [String], default: [] },
    cancelReason: { type: String, default: null },
    refundedFen: { type: Number, default: 0, min: 0, validate: Number.isInteger },
    refundIds: { type: [String], default: [] },
    timeline: {
      type: [
        new Schema<ServiceOrder['timeline'][number]>({ state: String, at: Date }, { _id: false, strict: 'throw' }),
      ],
      default: [],
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
schema.index({ placedBy: 1, createdAt: -1, _id: -1 });
schema.index({ cemeteryId: 1, state: 1, createdAt: 1, _id: 1 });
// 今日数据: orders placed on a day, and those finished on a day by the time of that step.
schema.index({ cemeteryId: 1, createdAt: 1 });
schema.index({ cemeteryId: 1, 'timeline.state': 1, 'timeline.at': 1 });

export const ServiceOrders = defineModel('MemorialServiceOrder', schema, 'memorial_service_orders');
