import type { memorialApi } from '@warmcity/shared/api/memorial';
import { Types } from 'mongoose';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import type { Body, Query } from '../../platform/implement';
import { accountIdOf, oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { consumeRateLimit, type RateLimit } from '../../platform/rate-limit';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { memorialStanding, openMemorial, ownedMemorial, type Standing } from './access';
import { decide } from './review';
import { Campaigns } from './campaign.model';
import { campaignKey, countTribute, memorialKey, randomShard, REPAIR_LEASE_MS, WRITE_WINDOW_MS } from './counters';
import { Tributes, type MessageStatus, type Tribute } from './tribute.model';
import { messageViewOf } from './views';
import { isSuspicious } from './word-filter';

type Api = typeof memorialApi;

/** Generous for a family at a grave, tight enough that nobody floods a martyr's page. */
const TRIBUTE_LIMIT: RateLimit = { name: 'memorial-tribute', limit: 30, windowSeconds: 600 };

/** Campaigns a tribute made now counts towards: those running at the memorial's cemetery, for
 * its public memorials, that name no memorials or name this one. */
async function runningCampaigns(deps: Deps, memorial: Standing, now: Date) {
  if (memorial.visibility !== 'public') return [];
  return Campaigns(deps.connection)
    .collection.find(
      {
        cemeteryId: memorial.cemeteryId,
        startsAt: { $lte: now },
        endsAt: { $gt: now },
        $or: [{ 'memorialIds.0': { $exists: false } }, { memorialIds: memorial._id }],
      },
      { projection: { _id: 1 } },
    )
    .toArray();
}

export async function payTribute(deps: Deps, user: SessionUser, code: string, body: Body<Api['payTribute']>) {
  const me = accountIdOf(user);
  const memorial = await memorialStanding(deps.connection, user, code);
  const now = deps.clock.now();
  // The campaigns are only read, so they are looked up while the limit is counted; a refusal
  // still comes before anything of the tribute is written.
  const [, campaigns] = await Promise.all([
    consumeRateLimit(deps.connection, TRIBUTE_LIMIT, user.id, now),
    runningCampaigns(deps, memorial, now),
  ]);
  const text = body.kind === 'message' ? body.text : null;
  const status: MessageStatus | null =
    text === null ? null : isSuspicious(deps.config.MEMORIAL_WORD_LIST, text) ? 'held' : 'shown';
  const tribute: Tribute = {
    _id: new Types.ObjectId(),
    memorialId: memorial._id,
    cemeteryId: memorial.cemeteryId,
    authorId: me,
    kind: body.kind,
    text,
    status,
    targets: [memorialKey(memorial._id), ...campaigns.map((campaign) => campaignKey(campaign._id))],
    shard: randomShard(),
    counted: false,
    leaseUntil: new Date(now.getTime() + REPAIR_LEASE_MS),
    createdAt: now,
  };
  // Stored first, counted second: a crash in between leaves an uncounted row for the sweeper,
  // never a count without its tribute. Straight to the driver: the row is built whole and typed
  // here from validated input, so a mongoose document would only cost Qingming's hot path time.
  await Tributes(deps.connection).collection.insertOne(tribute);
  await countTribute(deps.connection, tribute, new Date(now.getTime() + WRITE_WINDOW_MS), deps.clock);
  return {
    id: tribute._id.toHexString(),
    kind: tribute.kind,
    message: text === null ? null : messageViewOf(tribute, me),
    createdAt: now.toISOString(),
  };
}

/** Shown messages for everyone; held ones also for their author and the cemetery's staff;
 * hidden ones for the owner. */
export async function listMessages(
  deps: Deps,
  user: SessionUser | null,
  code: string,
  query: Query<Api['listMessages']>,
) {
  const { memorial, viewer } = await openMemorial(deps.connection, user, { code });
  const me = user ? accountIdOf(user) : null;
  const visible: object[] = [{ status: 'shown' }];
  if (me) visible.push({ status: 'held', authorId: me });
  if (viewer === 'staff') visible.push({ status: 'held' });
  if (viewer === 'owner') visible.push({ status: 'hidden' });
  const found = await Tributes(deps.connection)
    .find({
      memorialId: memorial._id,
      kind: 'message',
      $and: [{ $or: visible }, afterCursor(query.cursor, 'createdAt', -1)],
    })
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((tribute) => messageViewOf(tribute, me)),
    nextCursor: found.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
  };
}

export async function hideMessage(deps: Deps, user: SessionUser, id: string, messageId: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const hidden = await Tributes(deps.connection)
    .findOneAndUpdate(
      { _id: oid(messageId), memorialId: memorial._id, kind: 'message', status: { $in: ['shown', 'held', 'hidden'] } },
      { $set: { status: 'hidden' } },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  if (!hidden) throw problem('NOT_FOUND');
  return messageViewOf(hidden, accountIdOf(user));
}

export async function listHeldMessages(deps: Deps, user: SessionUser, cemeteryId: string) {
  requireStaff(user);
  requireScope(user, 'cemetery', cemeteryId);
  const held = await Tributes(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), kind: 'message', status: 'held' })
    .sort({ createdAt: 1 })
    .limit(100)
    .lean();
  return {
    items: held.map((tribute) => ({ ...messageViewOf(tribute, null), memorialId: tribute.memorialId.toHexString() })),
  };
}

export async function reviewMessage(deps: Deps, user: SessionUser, id: string, body: Body<Api['reviewMessage']>) {
  const reviewed = await decide(
    Tributes(deps.connection),
    user,
    { _id: oid(id), kind: 'message' },
    {
      from: 'held',
      to: body.decision === 'approve' ? 'shown' : 'rejected',
      refused: 'MESSAGE_NOT_HELD',
    },
  );
  return messageViewOf(reviewed, null);
}
