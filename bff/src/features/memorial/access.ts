import type { Connection } from 'mongoose';
import { problem } from '../../platform/problem';
import { hasScope } from '../../platform/scopes';
import { accountIdOf, oid } from '../../platform/ids';
import type { SessionUser } from '../../platform/session';
import { Memorials, type Memorial } from './memorial.model';
import { Relatives } from './relative.model';

export type Viewer = 'owner' | 'staff' | 'relative' | 'visitor';

/** The fields of a memorial that decide who may see it. */
export type Standing = Pick<Memorial, '_id' | 'cemeteryId' | 'ownerId' | 'status' | 'visibility'>;
const standingFields = { _id: 1, cemeteryId: 1, ownerId: 1, status: 1, visibility: 1 } as const;

/**
 * Who the caller is to a memorial, or null when they may not know it exists. `public` memorials
 * are anyone's; `link` ones anyone's who holds the QR code; `family` ones only the owner's and
 * invited relatives'. Nothing is anyone's but the owner's and the cemetery's staff before approval.
 */
export async function viewerOf(
  connection: Connection,
  memorial: Standing,
  user: SessionUser | null,
  via: 'id' | 'code',
): Promise<Viewer | null> {
  if (user && memorial.ownerId?.equals(accountIdOf(user))) return 'owner';
  if (user && hasScope(user, 'cemetery', memorial.cemeteryId)) return 'staff';
  if (memorial.status !== 'approved') return null;
  if (memorial.visibility === 'public' || (memorial.visibility === 'link' && via === 'code')) return 'visitor';
  if (!user) return null;
  const relative = await Relatives(connection).exists({ memorialId: memorial._id, accountId: accountIdOf(user) });
  return relative ? 'relative' : null;
}

/** The memorial a code names and the caller's standing, or the 404 a missing one gets. */
export async function openMemorial(
  connection: Connection,
  user: SessionUser | null,
  ref: { code: string } | { id: string },
) {
  const filter = 'code' in ref ? { code: ref.code } : { _id: oid(ref.id) };
  const memorial = await Memorials(connection).findOne(filter).lean();
  const viewer = memorial && (await viewerOf(connection, memorial, user, 'code' in ref ? 'code' : 'id'));
  if (!memorial || !viewer) throw problem('NOT_FOUND');
  return { memorial, viewer };
}

/** `openMemorial` by code for a write that needs nothing of the memorial but who may see it (a
 * tribute, Qingming's hot path): reads only those fields, straight on the driver, so a long
 * biography and the name grams are neither sent nor decoded into documents. */
export async function memorialStanding(connection: Connection, user: SessionUser, code: string) {
  const memorial = await Memorials(connection).collection.findOne<Standing>({ code }, { projection: standingFields });
  const viewer = memorial && (await viewerOf(connection, memorial, user, 'code'));
  if (!memorial || !viewer) throw problem('NOT_FOUND');
  return memorial;
}

/** Owner-only operations: anyone else, staff included, gets 404. */
export async function ownedMemorial(connection: Connection, user: SessionUser, id: string) {
  const memorial = await Memorials(connection)
    .findOne({ _id: oid(id), ownerId: accountIdOf(user) })
    .lean();
  if (!memorial) throw problem('NOT_FOUND');
  return memorial;
}

/** A photo attached to a memorial is seen by whoever may see the memorial. Holding the photo's
 * URL counts as holding the memorial's code: the URL is only ever handed out on its page, so a
 * `link` memorial's photos show to whoever was given the page, and a `family` one's only to its
 * owner, relatives and the cemetery's staff. */
export async function canViewMemorialPhoto(connection: Connection, viewer: SessionUser | null, memorialId: string) {
  if (!/^[0-9a-f]{24}$/.test(memorialId)) return false;
  const memorial = await Memorials(connection).findById(memorialId).lean();
  return !!memorial && (await viewerOf(connection, memorial, viewer, 'code')) !== null;
}
