import { chargingStaffApi } from '@warmcity/shared/api/charging';
import { implement } from '../../platform/implement';
import { staffSiteToday } from './staff-today';
import {
  staffCreatePort,
  staffCreateSite,
  staffListPorts,
  staffListSites,
  staffPortQrPng,
  staffResetDeviceSecret,
  staffSiteQrPdf,
  staffUpdatePort,
  staffUpdateSite,
} from './staff.service';

export const chargingStaffRoutes = implement(chargingStaffApi, {
  staffListSites: ({ user, deps }) => staffListSites(deps, user),
  staffCreateSite: ({ body, user, deps }) => staffCreateSite(deps, user, body),
  staffUpdateSite: ({ params, body, user, deps }) => staffUpdateSite(deps, user, params.id, body),
  staffListPorts: ({ params, user, deps }) => staffListPorts(deps, user, params.id),
  staffCreatePort: ({ params, body, user, deps }) => staffCreatePort(deps, user, params.id, body),
  staffUpdatePort: ({ params, body, user, deps }) => staffUpdatePort(deps, user, params.id, body),
  staffResetDeviceSecret: ({ params, user, deps }) => staffResetDeviceSecret(deps, user, params.id),
  staffPortQrPng: ({ params, user, deps }) => staffPortQrPng(deps, user, params.id),
  staffSiteQrPdf: ({ params, user, deps }) => staffSiteQrPdf(deps, user, params.id),
  staffSiteToday: ({ params, user, deps }) => staffSiteToday(deps, user, params.id),
});
