import type { memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import type { Body } from '../../platform/implement';
import { accountIdOf, oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { ownedMemorial } from './access';
import { INVITE_CODE_LENGTH, randomCode } from './codes';
import { Memorials } from './memorial.model';
import { Invites, Relatives } from './relative.model';
import { memorialView } from './views';

type Api = typeof memorialApi;

const INVITE_DAYS = 7;

export async function inviteRelative(deps: Deps, user: SessionUser, id: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const expiresAt = new Date(deps.clock.now().getTime() + INVITE_DAYS * 86_400_000);
  const code = randomCode(INVITE_CODE_LENGTH);
  await Invites(deps.connection).create({
    memorialId: memorial._id,
    ownerId: accountIdOf(user),
    code,
    expiresAt,
    usedBy: null,
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

/** One invite admits one account: claimed by a single conditional update (a retry by the same
 * account finds its own claim). */
export async function acceptInvite(deps: Deps, user: SessionUser, body: Body<Api['acceptInvite']>) {
  const me = accountIdOf(user);
  const now = deps.clock.now();
  const invite = await Invites(deps.connection)
    .findOneAndUpdate(
      { code: body.code, expiresAt: { $gt: now }, usedBy: { $in: [null, me] } },
      { $set: { usedBy: me } },
      { returnDocument: 'after', lean: true },
    )
    .exec();
  const memorial = invite && (await Memorials(deps.connection).findById(invite.memorialId).lean());
  if (!memorial) throw problem('INVITE_INVALID');
  await Relatives(deps.connection).updateOne(
    { memorialId: memorial._id, accountId: me },
    { $setOnInsert: { joinedAt: now } },
    { upsert: true },
  );
  return memorialView(deps.connection, memorial, !!memorial.ownerId?.equals(me));
}

export async function listRelatives(deps: Deps, user: SessionUser, id: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const relatives = await Relatives(deps.connection).find({ memorialId: memorial._id }).sort({ joinedAt: 1 }).lean();
  return {
    items: relatives.map((relative) => ({
      id: relative._id.toHexString(),
      accountId: relative.accountId.toHexString(),
      joinedAt: relative.joinedAt.toISOString(),
    })),
  };
}

export async function revokeRelative(deps: Deps, user: SessionUser, id: string, relativeId: string) {
  const memorial = await ownedMemorial(deps.connection, user, id);
  const removed = await Relatives(deps.connection).deleteOne({ _id: oid(relativeId), memorialId: memorial._id });
  if (removed.deletedCount === 0) throw problem('NOT_FOUND');
  return { ok: true as const };
}
