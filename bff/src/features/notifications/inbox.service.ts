import type { QueryFilter, Types } from 'mongoose';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import { Notifications, type Notification } from '../../platform/notifications/notification.model';
import { guardHolds } from '../../platform/notifications/notify';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';

const view = (n: Notification) => ({
  id: n._id.toHexString(),
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.visibleAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/**
 * The inbox shows a held notification as soon as its state change is seen done, without waiting
 * for a push worker's tick (which may also wait out quiet hours).
 */
async function standHeld(deps: Deps, userId: Types.ObjectId): Promise<void> {
  const held = await Notifications(deps.connection)
    .find({ userId, state: 'held', visibleAt: { $lte: deps.clock.now() } }, { guard: 1 })
    .limit(50)
    .lean();
  for (const n of held) {
    if (n.guard && (await guardHolds(deps, n.guard)))
      await Notifications(deps.connection).updateOne({ _id: n._id, state: 'held' }, { $set: { state: 'live' } });
  }
}

const shown = (deps: Deps, userId: Types.ObjectId): QueryFilter<Notification> => ({
  userId,
  state: 'live',
  visibleAt: { $lte: deps.clock.now() },
});

export async function listNotifications(deps: Deps, user: SessionUser, query: { cursor?: string; limit: number }) {
  const userId = accountIdOf(user);
  await standHeld(deps, userId);
  const filter = { ...shown(deps, userId), ...afterCursor(query.cursor, 'visibleAt', -1) };
  const docs = await Notifications(deps.connection)
    .find(filter)
    .sort({ visibleAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const items = docs.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.visibleAt, id: last._id }) : null,
  };
}

export async function unreadCount(deps: Deps, user: SessionUser) {
  const userId = accountIdOf(user);
  await standHeld(deps, userId);
  return { count: await Notifications(deps.connection).countDocuments({ ...shown(deps, userId), readAt: null }) };
}

/** One of the caller's own notifications; anyone else's answers exactly like a missing one. */
async function own(deps: Deps, user: SessionUser, id: string): Promise<Notification> {
  const found = await Notifications(deps.connection)
    .findOne({ _id: oid(id), ...shown(deps, accountIdOf(user)) })
    .lean();
  if (!found) throw problem('NOT_FOUND');
  return found;
}

export async function getNotification(deps: Deps, user: SessionUser, id: string) {
  return view(await own(deps, user, id));
}

export async function markRead(deps: Deps, user: SessionUser, id: string) {
  const found = await own(deps, user, id);
  if (found.readAt) return view(found);
  const readAt = deps.clock.now();
  await Notifications(deps.connection).updateOne({ _id: found._id, readAt: null }, { $set: { readAt } });
  return view({ ...found, readAt });
}

export async function markAllRead(deps: Deps, user: SessionUser) {
  const done = await Notifications(deps.connection).updateMany(
    { ...shown(deps, accountIdOf(user)), readAt: null },
    { $set: { readAt: deps.clock.now() } },
  );
  return { count: done.modifiedCount };
}
