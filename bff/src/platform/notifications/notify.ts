import mongoose, { type Model, type QueryFilter, type Types } from 'mongoose';
import type { NotificationKind } from '@warmcity/shared/api/notifications';
import { isDuplicateKey } from '../database';
import type { Deps } from '../deps';
import { Notifications, type Notification } from './notification.model';
import { Recipients } from './recipient.model';

const { EJSON } = mongoose.mongo.BSON;

type Where = Pick<Deps, 'connection' | 'clock'>;

export interface NotifyMessage {
  title: string;
  body: string;
  /** The mini-program page the notification opens. */
  link?: string | null;
  /** What the platform templates' fields are filled from (see templates.ts). */
  values?: Record<string, string>;
}

export interface NotifyOptions {
  /** One notification per key, ever: announcing the same event again changes nothing. */
  dedupeKey: string;
  /** Not before this time (a reminder); the inbox shows it from then on too. */
  sendAt?: Date;
  /** Lets `moveScheduled`/`cancelScheduled` find a group, e.g. every reminder of one session. */
  topic?: string;
  /** Pushed during quiet hours too. */
  urgent?: boolean;
  /**
   * When a push stops being worth anything (a class reminder once the class has started): quiet
   * hours do not hold it past this, and one still unsent by then (retries) is not sent at all.
   * The inbox keeps it either way.
   */
  pushBy?: Date;
  /**
   * The state change this announces, as a document that exists once it is done. Write the
   * notification first, then make the change: a request that dies in between leaves a held
   * notification whose guard never matches, and workers void it instead of sending it; one that
   * dies after the change leaves one that workers find true and deliver. Without a guard the
   * notification stands at once (call it after a change that something else repairs).
   */
  guard?: { model: Pick<Model<unknown>, 'collection'>; filter: Record<string, unknown> };
}

export interface Notice extends NotifyOptions {
  userId: Types.ObjectId;
  kind: NotificationKind;
  message: NotifyMessage;
}

function document(now: Date, { userId, kind, message, ...options }: Notice): Omit<Notification, '_id'> {
  const at = options.sendAt ?? now;
  return {
    userId,
    kind,
    title: message.title,
    body: message.body,
    link: message.link ?? null,
    values: message.values ?? {},
    dedupeKey: options.dedupeKey,
    topic: options.topic ?? null,
    urgent: options.urgent ?? false,
    pushBy: options.pushBy ?? null,
    state: options.guard ? 'held' : 'live',
    guard: options.guard
      ? EJSON.stringify({ collection: options.guard.model.collection.collectionName, filter: options.guard.filter })
      : null,
    createdAt: now,
    visibleAt: at,
    readAt: null,
    delivery: {
      status: 'waiting',
      dueAt: at,
      attempts: 0,
      leaseUntil: null,
      leaseId: null,
      platform: null,
      lastError: null,
      finishedAt: null,
    },
  };
}

/** Puts a notification in the inbox and the push outbox; once per `dedupeKey`. */
export async function notify(
  deps: Where,
  userId: Types.ObjectId,
  kind: NotificationKind,
  message: NotifyMessage,
  options: NotifyOptions,
): Promise<void> {
  await notifyAll(deps, [{ userId, kind, message, ...options }]);
}

/** Many notifications in one round trip (every booking of a cancelled session). */
export async function notifyAll(deps: Where, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const now = deps.clock.now();
  try {
    // Straight to the driver: `document` builds the exact typed shape, and skipping mongoose's
    // casting matters on the booking path, which writes one of these per booking.
    await Notifications(deps.connection).collection.insertMany(
      notices.map((notice) => document(now, notice)),
      { ordered: false },
    );
  } catch (error) {
    // Keys announced before are the point of the key; anything else is a real failure.
    const failures = (error as { writeErrors?: unknown[] }).writeErrors;
    if (
      !isDuplicateKey(error) &&
      !(failures && failures.every((e) => isDuplicateKey((e as { err?: unknown }).err ?? e)))
    )
      throw error;
  }
}

type Scheduled = { dedupeKey: string } | { topic: string; kind: NotificationKind };

const stillScheduled = (match: Scheduled): QueryFilter<Notification> => ({
  ...match,
  state: { $in: ['held', 'live'] },
  'delivery.status': 'waiting',
});

/** Withdraws notifications not pushed yet (a reminder of a booking cancelled first). */
export async function cancelScheduled(deps: Where, match: Scheduled): Promise<number> {
  const done = await Notifications(deps.connection).updateMany(stillScheduled(match), {
    $set: {
      state: 'cancelled',
      'delivery.status': 'skipped',
      'delivery.lastError': 'cancelled',
      'delivery.finishedAt': deps.clock.now(),
    },
  });
  return done.modifiedCount;
}

/** Moves notifications not pushed yet to a new time (a rescheduled session's reminders). */
export async function moveScheduled(
  deps: Where,
  match: Scheduled,
  to: { sendAt: Date; pushBy?: Date; body?: string; values?: Record<string, string> },
): Promise<number> {
  const values = Object.fromEntries(Object.entries(to.values ?? {}).map(([key, value]) => [`values.${key}`, value]));
  const done = await Notifications(deps.connection).updateMany(stillScheduled(match), {
    $set: {
      visibleAt: to.sendAt,
      'delivery.dueAt': to.sendAt,
      ...(to.pushBy === undefined ? {} : { pushBy: to.pushBy }),
      ...(to.body === undefined ? {} : { body: to.body }),
      ...values,
    },
  });
  return done.modifiedCount;
}

/** Accounts tells us at every sign-in which platform, and which of its user ids, to push to. */
export async function rememberRecipient(
  deps: Where,
  userId: Types.ObjectId,
  platform: 'wechat' | 'alipay' | 'dev',
  address: string,
): Promise<void> {
  const pushable = platform === 'dev' ? { platform: null, address: null } : { platform, address };
  await Recipients(deps.connection).updateOne(
    { _id: userId },
    { $set: { ...pushable, updatedAt: deps.clock.now() } },
    { upsert: true },
  );
}

/** A deleted account's notifications and push settings go with it. */
export async function forgetRecipient(deps: Where, userId: Types.ObjectId): Promise<void> {
  await Notifications(deps.connection).deleteMany({ userId });
  await Recipients(deps.connection).deleteOne({ _id: userId });
}

/** Whether a held notification's state change happened (see `NotifyOptions.guard`). */
export async function guardHolds(deps: Pick<Deps, 'connection'>, guard: string): Promise<boolean> {
  const { collection, filter } = EJSON.parse(guard) as { collection: string; filter: Record<string, unknown> };
  const db = deps.connection.db;
  if (!db) throw new Error('not connected');
  return (await db.collection(collection).countDocuments(filter, { limit: 1 })) === 1;
}
