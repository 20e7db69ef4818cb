import { z } from 'zod';
import { idParams, isoDateTime, multiLineText, objectId, singleLineText } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { staffStepsOf } from '../contract/staff-step';
import { uploadIds } from './uploads';

/** 云祭扫 service orders for a plot: proxy sweeping, burial booking, grave repair. */

export const MAX_ORDER_PHOTOS = 6;
/** How far ahead a family may book a service. */
export const ORDER_DAYS_AHEAD = 180;

export const servicePackageKind = z.enum(['sweeping', 'burial', 'repair']);
export const serviceOrderState = z.enum([
  'awaiting_payment',
  'submitted',
  'accepted',
  'in_progress',
  'done',
  'cancelled',
]);
export type ServiceOrderState = z.infer<typeof serviceOrderState>;

export const servicePackageView = z.strictObject({
  id: objectId,
  cemeteryId: objectId,
  kind: servicePackageKind,
  name: z.string(),
  description: z.string(),
  /** Integer fen; 0 is a free request. */
  priceFen: z.number().int().nonnegative(),
});

export const serviceOrderView = z.strictObject({
  id: objectId,
  cemeteryId: objectId,
  memorial: z.strictObject({ id: objectId, name: z.string() }),
  plot: z.strictObject({ area: z.string(), row: z.string(), number: z.string() }),
  package: servicePackageView,
  date: z.iso.date(),
  note: z.string(),
  state: serviceOrderState,
  /** The payments order to pay (priced packages only). */
  paymentOrderId: objectId.nullable(),
  /** Upload URLs: the family's repair photos, then the staff's completion photos. */
  photos: z.array(z.string()),
  completionPhotos: z.array(z.string()),
  cancelReason: z.string().nullable(),
  refundedFen: z.number().int().nonnegative(),
  timeline: z.array(z.strictObject({ state: serviceOrderState, at: isoDateTime })),
  createdAt: isoDateTime,
});
export type ServiceOrderView = z.infer<typeof serviceOrderView>;

const base = '/api/memorial';
const orderList = z.strictObject({ items: z.array(serviceOrderView) });

const staffStep = staffStepsOf(serviceOrderView);

export const memorialOrdersApi = {
  listServicePackages: defineOperation({
    id: 'memorial.listServicePackages',
    method: 'GET',
    path: `${base}/cemeteries/:id/service-packages`,
    summary: 'The service packages a cemetery offers, with their prices in fen',
    access: 'public',
    params: idParams,
    response: z.strictObject({ items: z.array(servicePackageView) }),
  }),
  placeServiceOrder: defineOperation({
    id: 'memorial.placeServiceOrder',
    method: 'POST',
    path: `${base}/memorials/:id/service-orders`,
    summary: 'Order a service for the plot of a memorial of my family; a priced one is paid when placed',
    access: 'resident',
    idempotent: true,
    status: 201,
    params: idParams,
    body: z.strictObject({
      packageId: objectId,
      date: z.iso.date(),
      note: multiLineText(200).default(''),
      photos: uploadIds(MAX_ORDER_PHOTOS).default([]),
    }),
    response: serviceOrderView,
    problems: ['SERVICE_PACKAGE_UNKNOWN', 'SERVICE_DATE_OUT_OF_RANGE', 'REPAIR_NEEDS_PHOTO', 'UPLOAD_NOT_FOUND'],
  }),
  listMyServiceOrders: defineOperation({
    id: 'memorial.listMyServiceOrders',
    method: 'GET',
    path: `${base}/me/service-orders`,
    summary: 'The service orders I placed, newest first',
    access: 'resident',
    response: orderList,
  }),
  getMyServiceOrder: defineOperation({
    id: 'memorial.getMyServiceOrder',
    method: 'GET',
    path: `${base}/me/service-orders/:id`,
    summary: 'One of my service orders with its timeline and photos',
    access: 'resident',
    params: idParams,
    response: serviceOrderView,
  }),
  cancelMyServiceOrder: defineOperation({
    id: 'memorial.cancelMyServiceOrder',
    method: 'POST',
    path: `${base}/me/service-orders/:id/cancel`,
    summary: 'Cancel my order before the cemetery accepts it; a paid one is refunded in full',
    access: 'resident',
    params: idParams,
    response: serviceOrderView,
    problems: ['SERVICE_ORDER_STATE'],
  }),
  staffListServiceOrders: defineOperation({
    id: 'memorial.staffListServiceOrders',
    method: 'GET',
    path: `${base}/staff/cemeteries/:id/service-orders`,
    summary: 'Service orders of my cemetery in one state, oldest first',
    access: 'staff',
    params: idParams,
    query: z.strictObject({ state: serviceOrderState.default('submitted') }),
    response: orderList,
  }),
  staffAcceptServiceOrder: staffStep({
    id: 'memorial.staffAcceptServiceOrder',
    path: `${base}/staff/service-orders/:id/accept`,
    summary: 'Accept a submitted order of my cemetery',
    problems: ['SERVICE_ORDER_STATE'],
  }),
  staffStartServiceOrder: staffStep({
    id: 'memorial.staffStartServiceOrder',
    path: `${base}/staff/service-orders/:id/start`,
    summary: 'Start an accepted order of my cemetery',
    problems: ['SERVICE_ORDER_STATE'],
  }),
  staffCompleteServiceOrder: staffStep({
    id: 'memorial.staffCompleteServiceOrder',
    path: `${base}/staff/service-orders/:id/complete`,
    summary: 'Complete an order in progress with photos of the grave after',
    body: z.strictObject({ photos: uploadIds(MAX_ORDER_PHOTOS).min(1) }),
    problems: ['SERVICE_ORDER_STATE', 'UPLOAD_NOT_FOUND'],
  }),
  staffCancelServiceOrder: staffStep({
    id: 'memorial.staffCancelServiceOrder',
    path: `${base}/staff/service-orders/:id/cancel`,
    summary: 'Cancel an unfinished order of my cemetery with a reason; a paid one is refunded in full',
    body: z.strictObject({ reason: singleLineText(100) }),
    problems: ['SERVICE_ORDER_STATE'],
  }),
} as const;

export const memorialOrdersProblems = defineProblems({
  SERVICE_PACKAGE_UNKNOWN: { status: 400, title: 'The cemetery offers no such package', zh: '该陵园没有这项服务' },
  SERVICE_DATE_OUT_OF_RANGE: {
    status: 400,
    title: 'The date is in the past or more than 180 days ahead',
    zh: '服务日期须在今天起 180 天内',
  },
  REPAIR_NEEDS_PHOTO: { status: 400, title: 'A repair request needs a photo', zh: '报修请至少上传一张照片' },
  SERVICE_ORDER_STATE: { status: 409, title: 'The order is no longer in that state', zh: '订单状态已变化，请刷新' },
});
