import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import { isDuplicateKey } from '../../platform/database';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { Courses } from './course.model';
import { Subscriptions, type Subscription } from './subscription.model';
import { Venues } from './venue.model';

async function targetOf(deps: Deps, target: 'course' | 'venue', targetId: string) {
  const found =
    target === 'course'
      ? await Courses(deps.connection)
          .findById(oid(targetId))
          .lean()
          .then((c) => c && { label: c.title, schoolId: c.schoolId })
      : await Venues(deps.connection)
          .findById(oid(targetId))
          .lean()
          .then((v) => v && { label: v.name, schoolId: v.schoolId });
  if (!found) throw problem('NOT_FOUND');
  return found;
}

const view = (subscription: Subscription, label: string) => ({
  id: subscription._id.toHexString(),
  target: subscription.target,
  targetId: subscription.targetId.toHexString(),
  label,
  createdAt: subscription.createdAt.toISOString(),
});

/** Subscribing twice to the same course or venue keeps the one subscription. */
export async function subscribe(deps: Deps, user: SessionUser, body: { target: 'course' | 'venue'; targetId: string }) {
  const holder = accountIdOf(user);
  const { label, schoolId } = await targetOf(deps, body.target, body.targetId);
  const subscriptions = Subscriptions(deps.connection);
  const key = { holder, target: body.target, targetId: oid(body.targetId) };
  try {
    const created = await subscriptions.create({ ...key, schoolId, createdAt: deps.clock.now() });
    return view(created.toObject(), label);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await subscriptions.findOne(key).lean();
    if (!existing) throw error;
    return view(existing, label);
  }
}

export async function listMySubscriptions(deps: Deps, user: SessionUser) {
  const holder = accountIdOf(user);
  const subscriptions = await Subscriptions(deps.connection).find({ holder }).sort({ createdAt: -1 }).lean();
  const ids = (target: 'course' | 'venue') => subscriptions.filter((s) => s.target === target).map((s) => s.targetId);
  const [courses, venues] = await Promise.all([
    Courses(deps.connection)
      .find({ _id: { $in: ids('course') } }, { title: 1 })
      .lean(),
    Venues(deps.connection)
      .find({ _id: { $in: ids('venue') } }, { name: 1 })
      .lean(),
  ]);
  const labels = new Map([
    ...courses.map((c) => [c._id.toHexString(), c.title] as const),
    ...venues.map((v) => [v._id.toHexString(), v.name] as const),
  ]);
  return { items: subscriptions.map((s) => view(s, labels.get(s.targetId.toHexString()) ?? '')) };
}

export async function unsubscribe(deps: Deps, user: SessionUser, id: string) {
  const holder = accountIdOf(user);
  const removed = await Subscriptions(deps.connection).deleteOne({ _id: oid(id), holder });
  if (removed.deletedCount !== 1) throw problem('NOT_FOUND');
  return { ok: true as const };
}
