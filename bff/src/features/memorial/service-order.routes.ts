import { memorialOrdersApi } from '@warmcity/shared/api/memorial-orders';
import { implement } from '../../platform/implement';
import {
  cancelMyServiceOrder,
  getMyServiceOrder,
  listMyServiceOrders,
  listServicePackages,
  placeServiceOrder,
  staffAcceptServiceOrder,
  staffCancelServiceOrder,
  staffCompleteServiceOrder,
  staffListServiceOrders,
  staffStartServiceOrder,
} from './service-order.service';

export const memorialOrderRoutes = implement(memorialOrdersApi, {
  listServicePackages: ({ params, deps }) => listServicePackages(deps, params.id),
  placeServiceOrder: ({ user, params, body, deps }) => placeServiceOrder(deps, user, params.id, body),
  listMyServiceOrders: ({ user, deps }) => listMyServiceOrders(deps, user),
  getMyServiceOrder: ({ user, params, deps }) => getMyServiceOrder(deps, user, params.id),
  cancelMyServiceOrder: ({ user, params, deps }) => cancelMyServiceOrder(deps, user, params.id),
  staffListServiceOrders: ({ user, params, query, deps }) => staffListServiceOrders(deps, user, params.id, query.state),
  staffAcceptServiceOrder: ({ user, params, deps }) => staffAcceptServiceOrder(deps, user, params.id),
  staffStartServiceOrder: ({ user, params, deps }) => staffStartServiceOrder(deps, user, params.id),
  staffCompleteServiceOrder: ({ user, params, body, deps }) => staffCompleteServiceOrder(deps, user, params.id, body),
  staffCancelServiceOrder: ({ user, params, body, deps }) => staffCancelServiceOrder(deps, user, params.id, body),
});
