import QRCode from 'qrcode';
import { Types, type QueryFilter } from 'mongoose';
import { bookingPhase, canCancel } from '@warmcity/shared';
import type { parentSchoolApi } from '@warmcity/shared/api/parent-school';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Query } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { SeatError } from '../../platform/seats/seats';
import type { SessionUser } from '../../platform/session';
import { Bookings, type Booking } from './booking.model';
import { calendarFile } from './calendar';
import { newShortCode, signCheckInToken } from './check-in-token';
import { cancelReminder, scheduleReminder } from './notices';
import { sessionSeats } from './seats';
import { bookableSession, noteCounters } from './session-cache';
import { Sessions, type ClassSession } from './session.model';
import { bookingViews } from './view-data.service';
import { SHOWN_STATUSES, type SessionRow } from './views';

type Api = typeof parentSchoolApi;

/** `session` when the caller already holds it fresh enough (the booking path does). */
async function viewOf(deps: Deps, user: SessionUser, booking: Booking, session?: SessionRow) {
  const row = session ?? (await Sessions(deps.connection).findById(booking.pool, { journal: 0 }).lean());
  if (!row) throw problem('NOT_FOUND');
  const [view] = await bookingViews(deps, [booking], [row], user);
  return view!;
}

/** One of the caller's own bookings; anyone else's answers exactly like a missing one. */
async function ownBooking(deps: Deps, user: SessionUser, id: string): Promise<Booking> {
  const holder = accountIdOf(user);
  const booking = await Bookings(deps.connection)
    .findOne({ _id: oid(id), holder, status: { $in: SHOWN_STATUSES } })
    .lean();
  if (!booking) throw problem('NOT_FOUND');
  return booking;
}

function refuseUnbookable(session: ClassSession, now: Date): void {
  if (session.status === 'cancelled') throw problem('SESSION_CANCELLED');
  const phase = bookingPhase(session, now);
  if (phase === 'started') throw problem('SESSION_IN_PAST');
  if (phase === 'not_open')
    throw problem('BOOKING_NOT_OPEN', `Booking opens at ${session.bookingOpensAt.toISOString()}.`);
  if (phase === 'closed') throw problem('BOOKING_CLOSED');
}

export async function book(deps: Deps, user: SessionUser, body: { sessionId: string }) {
  const holder = accountIdOf(user);
  const session = await bookableSession(deps.connection, oid(body.sessionId));
  if (!session) throw problem('NOT_FOUND');
  refuseUnbookable(session, deps.clock.now());

  // The reminder first, for a booking that will likely be confirmed; one that waits gets it when
  // promoted.
  const bookingId = new Types.ObjectId();
  if (session.booked < session.capacity) await scheduleReminder(deps, bookingId, holder, session);
  try {
    const { seat, pool } = await sessionSeats(deps).take(
      session._id,
      holder,
      {
        id: bookingId,
        fields: () => ({ schoolId: session.schoolId, sessionStartsAt: session.startsAt, shortCode: newShortCode() }),
      },
      session,
    );
    noteCounters(deps.connection, session._id, pool);
    // The counters the seat step saw last are as fresh as a re-read of the session would be.
    return await viewOf(deps, user, seat, { ...session, ...pool });
  } catch (error) {
    if (!(error instanceof SeatError)) throw error;
    if (error.reason === 'closed') throw problem('SESSION_CANCELLED');
    if (error.reason !== 'already_held')
      throw problem('DATABASE_UNAVAILABLE', 'The booking did not finish in time; please retry.');
    const existing = error.existing;
    throw problem('ALREADY_BOOKED', existing ? `Booking ${existing._id.toHexString()} is already yours.` : undefined);
  }
}

export async function listMyBookings(deps: Deps, user: SessionUser, query: Query<Api['listMyBookings']>) {
  const holder = accountIdOf(user);
  const now = deps.clock.now();
  const upcoming = query.when === 'upcoming';
  const filter: QueryFilter<Booking> = {
    holder,
    status: { $in: SHOWN_STATUSES },
    sessionStartsAt: upcoming ? { $gte: now } : { $lt: now },
  };
  const order = upcoming ? 1 : -1;
  const docs = await Bookings(deps.connection)
    .find({ ...filter, ...afterCursor(query.cursor, 'sessionStartsAt', order) })
    .sort({ sessionStartsAt: order, _id: order })
    .limit(query.limit + 1)
    .lean();
  const bookings = docs.slice(0, query.limit);
  const sessions = await Sessions(deps.connection)
    .find({ _id: { $in: bookings.map((b) => b.pool) } }, { journal: 0 })
    .lean();
  const last = bookings[bookings.length - 1];
  return {
    items: await bookingViews(deps, bookings, sessions, user),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.sessionStartsAt, id: last._id }) : null,
  };
}

export async function getBooking(deps: Deps, user: SessionUser, id: string) {
  const booking = await ownBooking(deps, user, id);
  return viewOf(deps, user, booking);
}

export async function cancelBooking(deps: Deps, user: SessionUser, id: string) {
  const booking = await ownBooking(deps, user, id);
  if (booking.status === 'cancelled') return viewOf(deps, user, booking);
  if (booking.checkedInAt) throw problem('ALREADY_CHECKED_IN');
  const session = await Sessions(deps.connection).findById(booking.pool).lean();
  if (!session) throw problem('NOT_FOUND');
  if (!canCancel(session, deps.clock.now())) throw problem('CANCEL_CUTOFF_PASSED');
  const seats = sessionSeats(deps);
  await seats.repairIfStale(session);
  const released = await seats.release(booking._id, { cancelReason: 'resident' });
  if (!released) throw problem('NOT_FOUND');
  await cancelReminder(deps, booking._id);
  return viewOf(deps, user, released);
}

export async function getCheckInPass(deps: Deps, user: SessionUser, id: string) {
  const booking = await ownBooking(deps, user, id);
  if (booking.status === 'cancelled') throw problem('BOOKING_CANCELLED');
  if (booking.status !== 'confirmed') throw problem('BOOKING_NOT_CONFIRMED');
  if (booking.checkedInAt) throw problem('ALREADY_CHECKED_IN');
  const token = signCheckInToken(deps.config.JWT_SECRET, booking._id.toHexString(), booking.shortCode);
  return {
    bookingId: booking._id.toHexString(),
    token,
    shortCode: booking.shortCode,
    qrDataUrl: await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: 320 }),
  };
}

export async function getBookingCalendar(deps: Deps, user: SessionUser, id: string) {
  const booking = await ownBooking(deps, user, id);
  const view = await viewOf(deps, user, booking);
  const { session } = view;
  return calendarFile({
    uid: `${view.id}@parent-school.warmcity`,
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    summary: `家长学校：${session.course.title}`,
    location: `${session.school.name} ${session.venue.name}（${session.venue.address}）`,
    description: `主讲：${session.course.speaker}\n${session.course.summary}`,
    stamp: deps.clock.now(),
  });
}
