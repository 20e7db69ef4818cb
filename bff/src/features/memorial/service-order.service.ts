import { Types } from 'mongoose';
import { ORDER_DAYS_AHEAD, type memorialOrdersApi, type ServiceOrderState } from '@warmcity/shared/api/memorial-orders';
import type { NotificationKind } from '@warmcity/shared/api/notifications';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { notify } from '../../platform/notifications/notify';
import { PaymentOrders, type PaymentOrder } from '../../platform/payments/order.model';
import { createOrder, refundOrder } from '../../platform/payments/orders';
import { problem } from '../../platform/problem';
import { hasScope, requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { attachUploads, detachUploads } from '../../platform/uploads/attach';
import { openMemorial } from './access';
// Dates are the family's calendar days, in China time.
import { chinaDate, DAY } from './china-time';
import { ServiceOrders, type ServiceOrder } from './service-order.model';
import { ServicePackages } from './service-package.model';
import { packageViewOf, serviceOrderViewOf } from './service-order.views';

type Api = typeof memorialOrdersApi;

const PAYMENT_WINDOW = 2 * 3_600_000;
const MY_ORDERS = 50;
const STAFF_ORDERS = 200;
const SUBJECT_KIND = 'service-order';

const attachment = (id: Types.ObjectId) => ({ feature: 'memorial', id: id.toHexString() });

export async function listServicePackages(deps: Deps, cemeteryId: string) {
  const packages = await ServicePackages(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), active: true })
    .sort({ priceFen: 1, _id: 1 })
    .lean();
  return { items: packages.map(packageViewOf) };
}

/** Only the memorial's owner and invited relatives order for its plot; anyone else gets 404. */
export async function placeServiceOrder(
  deps: Deps,
  user: SessionUser,
  memorialId: string,
  body: Body<Api['placeServiceOrder']>,
) {
  const { memorial, viewer } = await openMemorial(deps.connection, user, { id: memorialId });
  if (viewer !== 'owner' && viewer !== 'relative') throw problem('NOT_FOUND');
  if (memorial.status !== 'approved') throw problem('NOT_FOUND');
  const pkg = await ServicePackages(deps.connection)
    .findOne({ _id: oid(body.packageId), cemeteryId: memorial.cemeteryId, active: true })
    .lean();
  if (!pkg) throw problem('SERVICE_PACKAGE_UNKNOWN');
  const now = deps.clock.now();
  if (body.date < chinaDate(now) || body.date > chinaDate(new Date(now.getTime() + ORDER_DAYS_AHEAD * DAY))) {
    throw problem('SERVICE_DATE_OUT_OF_RANGE');
  }
  if (pkg.kind === 'repair' && body.photos.length === 0) throw problem('REPAIR_NEEDS_PHOTO');
  if (pkg.kind !== 'repair' && body.photos.length > 0)
    throw problem('VALIDATION_FAILED', 'Only a repair takes photos.');

  const id = new Types.ObjectId();
  const placedBy = accountIdOf(user);
  await attachUploads(deps, { owner: placedBy, ids: body.photos, to: attachment(id) });
  try {
    const payment =
      pkg.priceFen > 0
        ? await createOrder(deps, {
            payer: { id: user.id },
            amountFen: pkg.priceFen,
            description: `${pkg.name} ${memorial.name}`,
            items: [{ name: pkg.name, amountFen: pkg.priceFen }],
            subject: { feature: 'memorial', kind: SUBJECT_KIND, id: id.toHexString() },
            scope: `cemetery:${memorial.cemeteryId.toHexString()}`,
            expiresAt: new Date(now.getTime() + PAYMENT_WINDOW),
          })
        : null;
    const state: ServiceOrderState = payment ? 'awaiting_payment' : 'submitted';
    const order = await ServiceOrders(deps.connection).create({
      _id: id,
      cemeteryId: memorial.cemeteryId,
      memorialId: memorial._id,
      memorialName: memorial.name,
      plot: { area: memorial.plot.area, row: memorial.plot.row, number: memorial.plot.number },
      placedBy,
      package: {
        _id: pkg._id,
        cemeteryId: pkg.cemeteryId,
        kind: pkg.kind,
        name: pkg.name,
        description: pkg.description,
        priceFen: pkg.priceFen,
      },
      date: body.date,
      note: body.note,
      state,
      paymentOrderId: payment ? String(payment._id) : null,
      photos: body.photos,
      timeline: [{ state, at: now }],
      createdAt: now,
    } satisfies Partial<ServiceOrder>);
    return serviceOrderViewOf(order.toObject<ServiceOrder>());
  } catch (error) {
    await detachUploads(deps, { ids: body.photos, from: attachment(id) });
    throw error;
  }
}

async function myOrder(deps: Deps, user: SessionUser, id: string) {
  const order = await ServiceOrders(deps.connection)
    .findOne({ _id: oid(id), placedBy: accountIdOf(user) })
    .lean<ServiceOrder>();
  if (!order) throw problem('NOT_FOUND');
  return order;
}

export async function listMyServiceOrders(deps: Deps, user: SessionUser) {
  const orders = await ServiceOrders(deps.connection)
    .find({ placedBy: accountIdOf(user) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(MY_ORDERS)
    .lean<ServiceOrder[]>();
  return { items: orders.map(serviceOrderViewOf) };
}

export async function getMyServiceOrder(deps: Deps, user: SessionUser, id: string) {
  return serviceOrderViewOf(await myOrder(deps, user, id));
}

/** Staff of another cemetery get the 404 a missing order gets. */
async function staffOrder(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  const order = await ServiceOrders(deps.connection).findById(oid(id)).lean<ServiceOrder>();
  if (!order) throw problem('NOT_FOUND');
  requireScope(user, 'cemetery', order.cemeteryId);
  return order;
}

export async function staffListServiceOrders(
  deps: Deps,
  user: SessionUser,
  cemeteryId: string,
  state: ServiceOrderState,
) {
  requireStaff(user);
  requireScope(user, 'cemetery', cemeteryId);
  const orders = await ServiceOrders(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), state })
    .sort({ createdAt: 1, _id: 1 })
    .limit(STAFF_ORDERS)
    .lean<ServiceOrder[]>();
  return { items: orders.map(serviceOrderViewOf) };
}

const NOTICE: Partial<Record<ServiceOrderState, { kind: NotificationKind; title: string }>> = {
  accepted: { kind: 'memorial_order_accepted', title: '陵园已受理您的服务订单' },
  in_progress: { kind: 'memorial_order_started', title: '陵园已开始为您服务' },
  done: { kind: 'memorial_order_done', title: '服务已完成，请查看完成照片' },
  cancelled: { kind: 'memorial_order_cancelled', title: '陵园取消了您的服务订单' },
};

/**
 * One conditioned update on the states it leaves, so of two racing moves one wins and the other
 * is told the order moved on. The family's notification is written first, guarded by the move.
 */
async function move(
  deps: Deps,
  order: ServiceOrder,
  from: readonly ServiceOrderState[],
  to: ServiceOrderState,
  set: Partial<Pick<ServiceOrder, 'completionPhotos' | 'cancelReason'>> = {},
  tell = true,
) {
  if (!from.includes(order.state)) throw problem('SERVICE_ORDER_STATE');
  const orders = ServiceOrders(deps.connection);
  const notice = NOTICE[to];
  if (tell && notice) {
    await notify(
      deps,
      order.placedBy,
      notice.kind,
      {
        title: notice.title,
        body: `${order.package.name} · ${order.memorialName} · ${order.date}${set.cancelReason ? ` · ${set.cancelReason}` : ''}`,
        link: `/memorial/pages/order/index?id=${order._id.toHexString()}`,
        values: { service: order.package.name, date: order.date },
      },
      {
        dedupeKey: `memorial:order:${order._id.toHexString()}:${to}`,
        // The timeline keeps the step after the order moves on, so a notice read late still stands.
        guard: { model: orders, filter: { _id: order._id, 'timeline.state': to } },
      },
    );
  }
  const moved = await orders
    .findOneAndUpdate(
      { _id: order._id, state: { $in: from } },
      { $set: { state: to, ...set }, $push: { timeline: { state: to, at: deps.clock.now() } } },
      { returnDocument: 'after' },
    )
    .lean<ServiceOrder>();
  if (!moved) throw problem('SERVICE_ORDER_STATE');
  return moved;
}

/** Gives back whatever of a cancelled order's payment is still held; safe to repeat. */
async function refundIfPaid(deps: Deps, order: ServiceOrder, reason: string) {
  if (!order.paymentOrderId) return order;
  const payment = await PaymentOrders(deps.connection).findById(order.paymentOrderId).lean<PaymentOrder>();
  if (payment?.status !== 'paid' && payment?.status !== 'refunded') return order;
  const left = payment.paidFen - payment.refundedFen;
  if (left > 0) await refundOrder(deps, { orderId: order.paymentOrderId, amountFen: left, reason });
  return (await ServiceOrders(deps.connection).findById(order._id).lean<ServiceOrder>()) ?? order;
}

const FAMILY_CANCELLABLE: ServiceOrderState[] = ['awaiting_payment', 'submitted'];
const STAFF_CANCELLABLE: ServiceOrderState[] = ['awaiting_payment', 'submitted', 'accepted', 'in_progress'];

async function cancel(
  deps: Deps,
  order: ServiceOrder,
  from: ServiceOrderState[],
  reason: string | null,
  tell: boolean,
) {
  // A repeated cancel finishes a refund the first one could not.
  const cancelled =
    order.state === 'cancelled' ? order : await move(deps, order, from, 'cancelled', { cancelReason: reason }, tell);
  return serviceOrderViewOf(await refundIfPaid(deps, cancelled, reason ?? '家属取消服务'));
}

export async function cancelMyServiceOrder(deps: Deps, user: SessionUser, id: string) {
  return cancel(deps, await myOrder(deps, user, id), FAMILY_CANCELLABLE, null, false);
}

export async function staffCancelServiceOrder(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['staffCancelServiceOrder']>,
) {
  return cancel(deps, await staffOrder(deps, user, id), STAFF_CANCELLABLE, body.reason, true);
}

export async function staffAcceptServiceOrder(deps: Deps, user: SessionUser, id: string) {
  return serviceOrderViewOf(await move(deps, await staffOrder(deps, user, id), ['submitted'], 'accepted'));
}

export async function staffStartServiceOrder(deps: Deps, user: SessionUser, id: string) {
  return serviceOrderViewOf(await move(deps, await staffOrder(deps, user, id), ['accepted'], 'in_progress'));
}

export async function staffCompleteServiceOrder(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['staffCompleteServiceOrder']>,
) {
  const order = await staffOrder(deps, user, id);
  if (order.state !== 'in_progress') throw problem('SERVICE_ORDER_STATE');
  await attachUploads(deps, { owner: accountIdOf(user), ids: body.photos, to: attachment(order._id) });
  try {
    return serviceOrderViewOf(await move(deps, order, ['in_progress'], 'done', { completionPhotos: body.photos }));
  } catch (error) {
    await detachUploads(deps, { ids: body.photos, from: attachment(order._id) });
    throw error;
  }
}

/** The payment arrived: the order goes to the cemetery. Paid after it was cancelled, it is refunded. */
export async function markServiceOrderPaid(deps: Deps, order: PaymentOrder) {
  const orders = ServiceOrders(deps.connection);
  const id = oid(order.subject.id);
  const { modifiedCount } = await orders.updateOne(
    { _id: id, state: 'awaiting_payment' },
    { $set: { state: 'submitted' }, $push: { timeline: { state: 'submitted', at: deps.clock.now() } } },
  );
  if (modifiedCount === 1) return;
  const cancelled = await orders.findOne({ _id: id, state: 'cancelled' }).lean<ServiceOrder>();
  if (cancelled) await refundIfPaid(deps, cancelled, cancelled.cancelReason ?? '家属取消服务');
}

/** Records a refund once, keyed by its id, whichever way it was delivered. */
export async function recordServiceOrderRefund(
  deps: Deps,
  order: PaymentOrder,
  refund: { id: string; amountFen: number },
) {
  await ServiceOrders(deps.connection).updateOne(
    { _id: oid(order.subject.id), refundIds: { $ne: refund.id } },
    { $inc: { refundedFen: refund.amountFen }, $push: { refundIds: refund.id } },
  );
}

/** The family who placed the order and the cemetery's staff see its photos. */
export async function canViewOrderPhoto(deps: Deps, viewer: SessionUser | null, orderId: string) {
  if (!viewer || !Types.ObjectId.isValid(orderId)) return false;
  const order = await ServiceOrders(deps.connection)
    .findById(orderId, { placedBy: 1, cemeteryId: 1 })
    .lean<Pick<ServiceOrder, '_id' | 'placedBy' | 'cemeteryId'>>();
  if (!order) return false;
  return order.placedBy.toHexString() === viewer.id || hasScope(viewer, 'cemetery', order.cemeteryId);
}
