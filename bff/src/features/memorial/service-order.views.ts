import type { z } from 'zod';
import type { serviceOrderView, servicePackageView } from '@warmcity/shared/api/memorial-orders';
import type { ServiceOrder } from './service-order.model';
import type { ServicePackage } from './service-package.model';
import { uploadUrl } from './upload-url';

export const packageViewOf = (pkg: Omit<ServicePackage, 'active'>): z.infer<typeof servicePackageView> => ({
  id: pkg._id.toHexString(),
  cemeteryId: pkg.cemeteryId.toHexString(),
  kind: pkg.kind,
  name: pkg.name,
  description: pkg.description,
  priceFen: pkg.priceFen,
});

export const serviceOrderViewOf = (order: ServiceOrder): z.infer<typeof serviceOrderView> => ({
  id: order._id.toHexString(),
  cemeteryId: order.cemeteryId.toHexString(),
  memorial: { id: order.memorialId.toHexString(), name: order.memorialName },
  plot: { area: order.plot.area, row: order.plot.row, number: order.plot.number },
  package: packageViewOf(order.package),
  date: order.date,
  note: order.note,
  state: order.state,
  paymentOrderId: order.paymentOrderId,
  photos: order.photos.map(uploadUrl),
  completionPhotos: order.completionPhotos.map(uploadUrl),
  cancelReason: order.cancelReason,
  refundedFen: order.refundedFen,
  timeline: order.timeline.map((step) => ({ state: step.state, at: step.at.toISOString() })),
  createdAt: order.createdAt.toISOString(),
});
