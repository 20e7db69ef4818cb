import { Types, type QueryFilter } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { Notifications, type Notification } from '../../platform/notifications/notification.model';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';

/** Pushes given up into the dead letters, newest first, for an admin to look into. */
export async function listDeadLetters(deps: Deps, user: SessionUser, query: { cursor?: string; limit: number }) {
  if (!user.roles.includes('admin')) throw problem('FORBIDDEN');
  const filter: QueryFilter<Notification> = { 'delivery.status': 'dead' };
  if (query.cursor !== undefined) {
    if (!/^[0-9a-f]{24}$/.test(query.cursor))
      throw problem('VALIDATION_FAILED', undefined, { errors: [{ path: 'query.cursor', message: 'unknown cursor' }] });
    filter._id = { $lt: new Types.ObjectId(query.cursor) };
  }
  const docs = await Notifications(deps.connection)
    .find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const items = docs.slice(0, query.limit);
  return {
    items: items.map((n) => ({
      id: n._id.toHexString(),
      userId: n.userId.toHexString(),
      kind: n.kind,
      dedupeKey: n.dedupeKey,
      attempts: n.delivery.attempts,
      lastError: n.delivery.lastError,
      createdAt: n.createdAt.toISOString(),
    })),
    nextCursor: docs.length > query.limit ? (items[items.length - 1]?._id.toHexString() ?? null) : null,
  };
}
