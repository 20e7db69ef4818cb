import type { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { cancelScheduled, moveScheduled, notifyAll } from '../../platform/notifications/notify';
import type { Seat } from '../../platform/seats/journal';
import type { SeatOptions } from '../../platform/seats/seats';
import { Bookings } from './booking.model';
import { referencesFor } from './references';
import { Sessions, type ClassSession } from './session.model';

/** What parent-school tells residents, through the platform's `notifyAll()`. */

const HOUR = 3600_000;
// A cancellation this close to the start is worth waking someone for.
const URGENT_WITHIN_MS = 2 * HOUR;

/** China has no daylight saving: UTC+8 all year. */
const chinaTime = (at: Date) => {
  const local = new Date(at.getTime() + 8 * HOUR).toISOString();
  return `${local.slice(5, 7)}月${local.slice(8, 10)}日 ${local.slice(11, 16)}`;
};

const bookingLink = (bookingId: Types.ObjectId) => `/parent-school/pages/mine/index?booking=${bookingId.toHexString()}`;
const sessionLink = (sessionId: Types.ObjectId) => `/parent-school/pages/session/index?id=${sessionId.toHexString()}`;
const sessionTopic = (sessionId: Types.ObjectId) => `ps:session:${sessionId.toHexString()}`;

// Through the session views' reference cache: a booking burst costs no course query per booking.
async function courseTitle(deps: Pick<Deps, 'connection'>, session: Pick<ClassSession, 'courseId'>): Promise<string> {
  const { courses } = await referencesFor(deps.connection, { schools: [], courses: [session.courseId], venues: [] });
  return courses.get(session.courseId.toHexString())?.title ?? '家长课堂';
}

const reminderText = (title: string, startsAt: Date) => ({
  body: `《${title}》将于 ${chinaTime(startsAt)} 开始，请准时到场签到。`,
  values: { course: title, startsAt: chinaTime(startsAt) },
});

/** The one-hour reminder; it stands only while the booking is confirmed (so a cancelled one
 * never sends it). */
function reminder(
  title: string,
  bookingId: Types.ObjectId,
  holder: Types.ObjectId,
  session: Pick<ClassSession, '_id' | 'startsAt'>,
  connection: Deps['connection'],
) {
  const text = reminderText(title, session.startsAt);
  return {
    userId: holder,
    kind: 'class_reminder' as const,
    message: { title: '上课提醒', body: text.body, link: bookingLink(bookingId), values: text.values },
    dedupeKey: `ps:reminder:${bookingId.toHexString()}`,
    sendAt: new Date(session.startsAt.getTime() - HOUR),
    // A reminder after the start helps nobody; one before it is worth an early push.
    pushBy: session.startsAt,
    topic: sessionTopic(session._id),
    guard: { model: Bookings(connection), filter: { _id: bookingId, status: 'confirmed' } },
  };
}

/**
 * Written before the booking exists, so a request that dies before the seat does leaves a
 * reminder that never stands. A booking that will wait gets its reminder when it is promoted
 * instead (see `promotionNotices`), which keeps it off the booking path of a rush.
 */
export async function scheduleReminder(
  deps: Deps,
  bookingId: Types.ObjectId,
  holder: Types.ObjectId,
  session: ClassSession,
): Promise<void> {
  await notifyAll(deps, [reminder(await courseTitle(deps, session), bookingId, holder, session, deps.connection)]);
}

export const cancelReminder = (deps: Deps, bookingId: Types.ObjectId) =>
  cancelScheduled(deps, { dedupeKey: `ps:reminder:${bookingId.toHexString()}` });

export async function moveReminders(deps: Deps, session: ClassSession, startsAt: Date): Promise<void> {
  const text = reminderText(await courseTitle(deps, session), startsAt);
  await moveScheduled(
    deps,
    { topic: sessionTopic(session._id), kind: 'class_reminder' },
    { sendAt: new Date(startsAt.getTime() - HOUR), pushBy: startsAt, ...text },
  );
}

/** Told by seats for every seat that moved up from the waitlist; once per booking. The
 * promotion notice comes with the class reminder (a booking that waited has none yet; one that
 * has keeps it, by its dedupe key). */
export const promotionNotices = (deps: Pick<Deps, 'connection' | 'clock'>): NonNullable<SeatOptions['onPromoted']> =>
  async function tellPromoted(seat: Seat) {
    const session = await Sessions(deps.connection).findById(seat.pool, { courseId: 1, startsAt: 1 }).lean();
    const title = session ? await courseTitle(deps, session) : '家长课堂';
    await notifyAll(deps, [
      {
        userId: seat.holder,
        kind: 'booking_promoted',
        message: {
          title: '候补成功',
          body: `您候补的《${title}》已为您保留座位${session ? `，${chinaTime(session.startsAt)} 开始` : ''}。`,
          link: bookingLink(seat._id),
          values: { course: title, startsAt: session ? chinaTime(session.startsAt) : '', status: '候补成功' },
        },
        dedupeKey: `ps:promoted:${seat._id.toHexString()}`,
      },
      ...(session ? [reminder(title, seat._id, seat.holder, session, deps.connection)] : []),
    ]);
  };

/**
 * Written before the session closes, one per active booking: each stands once its booking shows
 * the session's cancellation, so a request that dies before closing sends none of them.
 */
export async function announceCancellation(deps: Deps, session: ClassSession, reason: string): Promise<void> {
  const [bookings, title] = await Promise.all([activeBookings(deps, session._id), courseTitle(deps, session)]);
  const urgent = session.startsAt.getTime() - deps.clock.now().getTime() < URGENT_WITHIN_MS;
  await notifyAll(
    deps,
    bookings.map((booking) => ({
      userId: booking.holder,
      kind: 'session_cancelled' as const,
      message: {
        title: '课程取消',
        body: `《${title}》（${chinaTime(session.startsAt)}）已取消：${reason}`,
        link: bookingLink(booking._id),
        values: { course: title, startsAt: chinaTime(session.startsAt), reason },
      },
      dedupeKey: `ps:cancelled:${booking._id.toHexString()}`,
      urgent,
      guard: {
        model: Bookings(deps.connection),
        filter: { _id: booking._id, cancelReason: 'session_cancelled' },
      },
    })),
  );
  await cancelScheduled(deps, { topic: sessionTopic(session._id), kind: 'class_reminder' });
}

const activeBookings = (deps: Deps, sessionId: Types.ObjectId) =>
  Bookings(deps.connection)
    .find({ pool: sessionId, status: { $in: ['confirmed', 'waitlisted'] } }, { holder: 1 })
    .lean();

/**
 * Written before the session's new time is saved, one per active booking: each stands once the
 * session shows that time, so a request that dies before saving it tells nobody.
 */
export async function announceReschedule(deps: Deps, session: ClassSession, startsAt: Date): Promise<void> {
  const [bookings, title] = await Promise.all([activeBookings(deps, session._id), courseTitle(deps, session)]);
  await notifyAll(
    deps,
    bookings.map((booking) => ({
      userId: booking.holder,
      kind: 'session_rescheduled' as const,
      message: {
        title: '课程改期',
        body: `《${title}》改到 ${chinaTime(startsAt)}（原定 ${chinaTime(session.startsAt)}）。`,
        link: bookingLink(booking._id),
        values: { course: title, startsAt: chinaTime(startsAt) },
      },
      dedupeKey: `ps:rescheduled:${booking._id.toHexString()}:${startsAt.getTime()}`,
      guard: { model: Sessions(deps.connection), filter: { _id: session._id, startsAt } },
    })),
  );
}

/** 下期提醒 for one new session: every subscriber of the course or the venue, once each. */
export async function announceOpening(
  deps: Deps,
  session: Pick<ClassSession, '_id' | 'courseId' | 'startsAt'>,
  subscribers: readonly Types.ObjectId[],
): Promise<void> {
  const title = await courseTitle(deps, session);
  await notifyAll(
    deps,
    subscribers.map((holder) => ({
      userId: holder,
      kind: 'course_opened' as const,
      message: {
        title: '下期提醒',
        body: `您关注的《${title}》开放新一期：${chinaTime(session.startsAt)}，可以预约了。`,
        link: sessionLink(session._id),
        values: { course: title, startsAt: chinaTime(session.startsAt) },
      },
      dedupeKey: `ps:opened:${session._id.toHexString()}:${holder.toHexString()}`,
    })),
  );
}
