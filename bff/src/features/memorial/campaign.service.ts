import type { memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import type { Body } from '../../platform/implement';
import { oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Campaigns } from './campaign.model';
import { Cemeteries } from './cemetery.model';
import { campaignViews } from './views';

type Api = typeof memorialApi;

export async function listCampaigns(deps: Deps) {
  const campaigns = await Campaigns(deps.connection).find().sort({ startsAt: -1 }).limit(50).lean();
  return { items: await campaignViews(deps.connection, campaigns) };
}

export async function getCampaign(deps: Deps, id: string) {
  const campaign = await Campaigns(deps.connection).findById(oid(id)).lean();
  if (!campaign) throw problem('NOT_FOUND');
  return (await campaignViews(deps.connection, [campaign]))[0]!;
}

export async function createCampaign(deps: Deps, user: SessionUser, body: Body<Api['createCampaign']>) {
  requireStaff(user);
  requireScope(user, 'cemetery', body.cemeteryId);
  if (!(await Cemeteries(deps.connection).exists({ _id: oid(body.cemeteryId) }))) throw problem('NOT_FOUND');
  const campaign = await Campaigns(deps.connection).create({
    cemeteryId: oid(body.cemeteryId),
    name: body.name,
    startsAt: new Date(body.startsAt),
    endsAt: new Date(body.endsAt),
  });
  return (await campaignViews(deps.connection, [campaign.toObject()]))[0]!;
}
