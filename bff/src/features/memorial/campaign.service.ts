import type { memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import type { Body } from '../../platform/implement';
import { oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Campaigns } from './campaign.model';
import { Cemeteries } from './cemetery.model';
import { Memorials } from './memorial.model';
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
  const cemeteryId = oid(body.cemeteryId);
  if (!(await Cemeteries(deps.connection).exists({ _id: cemeteryId }))) throw problem('NOT_FOUND');
  const memorialIds = [...new Set(body.memorialIds ?? [])].map(oid);
  if (memorialIds.length > 0) {
    // Only public memorials count towards a campaign (see runningCampaigns), so only they may be named.
    const found = await Memorials(deps.connection).countDocuments({
      _id: { $in: memorialIds },
      cemeteryId,
      visibility: 'public',
      status: 'approved',
    });
    if (found !== memorialIds.length) throw problem('CAMPAIGN_MEMORIAL_UNKNOWN');
  }
  const campaign = await Campaigns(deps.connection).create({
    cemeteryId,
    name: body.name,
    startsAt: new Date(body.startsAt),
    endsAt: new Date(body.endsAt),
    memorialIds,
  });
  return (await campaignViews(deps.connection, [campaign.toObject()]))[0]!;
}

/** Ends a campaign now (one not begun yet ends at its start, counting nothing). The start never
 * changes, so the new end computed from it is one conditioned update; a second end matches nothing. */
export async function endCampaign(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  const campaigns = Campaigns(deps.connection);
  const campaign = await campaigns.findById(oid(id)).lean();
  if (!campaign) throw problem('NOT_FOUND');
  requireScope(user, 'cemetery', campaign.cemeteryId);
  const now = deps.clock.now();
  const endsAt = now > campaign.startsAt ? now : campaign.startsAt;
  const ended = await campaigns
    .findOneAndUpdate(
      { _id: campaign._id, endsAt: { $gt: endsAt } },
      { $set: { endsAt } },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  return (await campaignViews(deps.connection, [ended ?? campaign]))[0]!;
}
