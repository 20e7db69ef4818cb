import { memorialStaffApi } from '@warmcity/shared/api/memorial-staff';
import { implement } from '../../platform/implement';
import { endCampaign } from './campaign.service';
import { staffDailyFigures } from './figures.service';

export const memorialStaffRoutes = implement(memorialStaffApi, {
  staffDailyFigures: ({ user, params, query, deps }) => staffDailyFigures(deps, user, params.id, query.date),
  staffEndCampaign: ({ user, params, deps }) => endCampaign(deps, user, params.id),
});
