import { chargingReportsApi } from '@warmcity/shared/api/charging';
import { implement } from '../../platform/implement';
import {
  createReport,
  getMyReport,
  listMyReports,
  staffAssignReport,
  staffListReports,
  staffResolveReport,
} from './report.service';

export const chargingReportRoutes = implement(chargingReportsApi, {
  createReport: ({ body, user, deps }) => createReport(deps, user, body),
  listMyReports: ({ query, user, deps }) => listMyReports(deps, user, query),
  getReport: ({ params, user, deps }) => getMyReport(deps, user, params.id),
  staffListReports: ({ query, user, deps }) => staffListReports(deps, user, query),
  staffAssignReport: ({ params, body, user, deps }) => staffAssignReport(deps, user, params.id, body),
  staffResolveReport: ({ params, body, user, deps }) => staffResolveReport(deps, user, params.id, body),
});
