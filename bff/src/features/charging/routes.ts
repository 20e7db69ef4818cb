import { chargingResidentApi } from '@warmcity/shared/api/charging';
import { implement } from '../../platform/implement';
import { cancel, getCharge, listMyCharges, myActiveCharge, reserve, start, stop } from './charge.service';
import { getSite, listTowns, lookupPort, sitesNear } from './site.service';

export const chargingRoutes = implement(chargingResidentApi, {
  listTowns: ({ deps }) => listTowns(deps),
  sitesNear: ({ query, deps }) => sitesNear(deps, query),
  getSite: ({ user, params, deps }) => getSite(deps, user, params.id),
  lookupPort: ({ user, params, deps }) => lookupPort(deps, user, params.code),
  reserve: ({ user, body, deps }) => reserve(deps, user, body),
  start: ({ user, body, deps }) => start(deps, user, body.code),
  cancel: ({ user, params, deps }) => cancel(deps, user, params.id),
  stop: ({ user, params, deps }) => stop(deps, user, params.id),
  getCharge: ({ user, params, deps }) => getCharge(deps, user, params.id),
  myActiveCharge: ({ user, deps }) => myActiveCharge(deps, user),
  listMyCharges: ({ user, query, deps }) => listMyCharges(deps, user, query),
});
