import type { z } from 'zod';
import type { Connection, Types } from 'mongoose';
import type {
  campaignView as campaignSchema,
  memorialView as memorialSchema,
  messageView as messageSchema,
} from '@warmcity/shared/api/memorial';
import { Cemeteries, type Cemetery } from './cemetery.model';
import { campaignKey, memorialKey, readTotals, type Totals } from './counters';
import type { Campaign } from './campaign.model';
import type { Memorial } from './memorial.model';
import { Tributes, type Tribute } from './tribute.model';
import { uploadUrl } from './upload-url';

type MemorialView = z.infer<typeof memorialSchema>;
type MessageView = z.infer<typeof messageSchema>;
type CampaignView = z.infer<typeof campaignSchema>;

const cemeteryView = (cemetery: Cemetery | undefined, id: Types.ObjectId) => ({
  id: id.toHexString(),
  name: cemetery?.name ?? '',
  address: cemetery?.address ?? '',
});

async function cemeteriesById(connection: Connection, ids: readonly Types.ObjectId[]) {
  const cemeteries = await Cemeteries(connection)
    .find({ _id: { $in: [...ids] } })
    .lean();
  return new Map(cemeteries.map((cemetery) => [cemetery._id.toHexString(), cemetery]));
}

export async function memorialSummaries(connection: Connection, memorials: readonly Memorial[]) {
  const cemeteries = await cemeteriesById(
    connection,
    memorials.map((memorial) => memorial.cemeteryId),
  );
  return memorials.map((memorial) => ({
    id: memorial._id.toHexString(),
    code: memorial.code,
    name: memorial.name,
    birthDate: memorial.birthDate,
    deathDate: memorial.deathDate,
    cemetery: cemeteryView(cemeteries.get(memorial.cemeteryId.toHexString()), memorial.cemeteryId),
    portraitUrl: memorial.portraitUrl,
  }));
}

/** Full views; `ownerOf` says which of them the caller owns. */
export async function memorialViews(
  connection: Connection,
  memorials: readonly Memorial[],
  ownerOf: (memorial: Memorial) => boolean,
): Promise<MemorialView[]> {
  const [summaries, totals] = await Promise.all([
    memorialSummaries(connection, memorials),
    readTotals(
      connection,
      memorials.map((memorial) => memorialKey(memorial._id)),
    ),
  ]);
  return memorials.map((memorial, index) => ({
    ...summaries[index]!,
    status: memorial.status,
    visibility: memorial.visibility,
    biography: memorial.biography,
    gallery: (memorial.gallery ?? []).map(uploadUrl),
    plot: memorial.plot,
    totals: totals.get(memorialKey(memorial._id))!,
    mine: ownerOf(memorial),
  }));
}

export const memorialView = async (connection: Connection, memorial: Memorial, mine: boolean) =>
  (await memorialViews(connection, [memorial], () => mine))[0]!;

export const messageViewOf = (tribute: Tribute, me: Types.ObjectId | null): MessageView => ({
  id: tribute._id.toHexString(),
  text: tribute.text ?? '',
  status: tribute.status ?? 'shown',
  createdAt: tribute.createdAt.toISOString(),
  mine: me !== null && tribute.authorId !== null && tribute.authorId.equals(me),
});

const LATEST_MESSAGES = 10;

export async function campaignViews(connection: Connection, campaigns: readonly Campaign[]): Promise<CampaignView[]> {
  const keys = campaigns.map((campaign) => campaignKey(campaign._id));
  const [totals, latest] = await Promise.all([
    readTotals(connection, keys),
    Promise.all(
      keys.map((key) =>
        Tributes(connection)
          .find({ targets: key, status: 'shown' })
          .sort({ createdAt: -1, _id: -1 })
          .limit(LATEST_MESSAGES)
          .lean(),
      ),
    ),
  ]);
  return campaigns.map((campaign, index) => ({
    id: campaign._id.toHexString(),
    cemeteryId: campaign.cemeteryId.toHexString(),
    name: campaign.name,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt.toISOString(),
    memorialIds: (campaign.memorialIds ?? []).map((id) => id.toHexString()),
    totals: totals.get(keys[index]!)! satisfies Totals,
    latestMessages: latest[index]!.map((tribute) => messageViewOf(tribute, null)),
  }));
}
