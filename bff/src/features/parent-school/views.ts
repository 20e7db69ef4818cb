import { Types } from 'mongoose';
import type { BookingView, SessionView } from '@warmcity/shared/api/parent-school';
import type { Deps } from '../../platform/deps';
import type { SessionUser } from '../../platform/session';
import { Bookings, type Booking } from './booking.model';
import type { Course } from './course.model';
import { referencesFor } from './references';
import type { School } from './school.model';
import type { ClassSession } from './session.model';

/** Views never need the seats journal, so queries for them leave it out. */
export type SessionRow = Omit<ClassSession, 'journal'>;
import { sessionSeats } from './seats';
import type { Venue } from './venue.model';

/** The statuses a resident ever sees; `pending` and `abandoned` are the seats mechanism's own. */
export const SHOWN_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;

const iso = (date: Date) => date.toISOString();
const hex = (id: Types.ObjectId) => id.toHexString();

export const schoolView = (school: School) => ({ id: hex(school._id), name: school.name, district: school.district });

export const venueView = (venue: Venue) => ({
  id: hex(venue._id),
  schoolId: hex(venue.schoolId),
  name: venue.name,
  address: venue.address,
});

export const courseView = (course: Course) => ({
  id: hex(course._id),
  schoolId: hex(course.schoolId),
  title: course.title,
  summary: course.summary,
  speaker: course.speaker,
  durationMinutes: course.durationMinutes,
});

const summary = (booking: KnownBooking | undefined): MyBooking | null =>
  booking ? { id: booking.id, status: booking.status, position: booking.position } : null;

const distinctIds = (ids: Types.ObjectId[]) => [...new Set(ids.map(hex))].map((id) => new Types.ObjectId(id));

type MyBooking = NonNullable<SessionView['myBooking']>;
/** The caller's booking with its waitlist ticket, which views keep to themselves. */
type KnownBooking = MyBooking & { ticket: number | null };

/** The caller's active bookings as the session views show them, keyed by session. */
async function myBookings(deps: Deps, bookings: Booking[]): Promise<Map<string, KnownBooking>> {
  const seats = sessionSeats(deps);
  const active = bookings.filter((b) => b.status === 'confirmed' || b.status === 'waitlisted');
  return new Map(
    await Promise.all(
      active.map(
        async (b) =>
          [
            hex(b.pool),
            {
              id: hex(b._id),
              status: b.status as MyBooking['status'],
              position: await seats.position(b),
              ticket: b.ticket,
            },
          ] as const,
      ),
    ),
  );
}

/**
 * People waiting for a session. When the caller waits there too, their rank is already known, so
 * only those behind them are counted: in a booking rush that is a handful, not the whole list.
 */
async function waitlistLength(deps: Deps, sessionId: Types.ObjectId, mine: KnownBooking | undefined): Promise<number> {
  const waiting = { pool: sessionId, status: 'waitlisted' as const };
  if (mine?.status === 'waitlisted' && mine.position !== null && mine.ticket !== null) {
    return (
      mine.position + (await Bookings(deps.connection).countDocuments({ ...waiting, ticket: { $gt: mine.ticket } }))
    );
  }
  return Bookings(deps.connection).countDocuments(waiting);
}

/**
 * Session views for a page of sessions in a fixed number of queries, whatever the page size:
 * references (mostly from the per-process cache), waitlist lengths and the caller's own bookings
 * are each loaded in one go.
 * `known` are bookings of the caller the request already holds, so they are not read again.
 */
export async function sessionViews(
  deps: Deps,
  sessions: SessionRow[],
  user: SessionUser | null,
  known: Map<string, KnownBooking> = new Map(),
): Promise<SessionView[]> {
  if (sessions.length === 0) return [];
  const { connection } = deps;
  const sessionIds = sessions.map((s) => s._id);
  const unknown = sessionIds.filter((id) => !known.has(hex(id)));
  const [references, waiting, mine] = await Promise.all([
    referencesFor(connection, {
      schools: distinctIds(sessions.map((s) => s.schoolId)),
      courses: distinctIds(sessions.map((s) => s.courseId)),
      venues: distinctIds(sessions.map((s) => s.venueId)),
    }),
    // One indexed count per session (a page is at most 100) rather than a $group over them all.
    Promise.all(sessionIds.map(async (id) => [hex(id), await waitlistLength(deps, id, known.get(hex(id)))] as const)),
    user && unknown.length > 0 && Types.ObjectId.isValid(user.id)
      ? Bookings(connection)
          .find({
            pool: { $in: unknown },
            holder: new Types.ObjectId(user.id),
            status: { $in: ['confirmed', 'waitlisted'] },
          })
          .lean()
          .then((found) => myBookings(deps, found))
      : Promise.resolve(new Map<string, KnownBooking>()),
  ]);
  const { schools: schoolsById, courses: coursesById, venues: venuesById } = references;
  const waitingBySession = new Map(waiting);

  return sessions.map((session) => {
    const school = schoolsById.get(hex(session.schoolId));
    const course = coursesById.get(hex(session.courseId));
    const venue = venuesById.get(hex(session.venueId));
    // Sessions only ever point at records of their own school, which are never deleted.
    if (!school || !course || !venue)
      throw new Error(`session ${hex(session._id)} refers to a missing school, course or venue`);
    const id = hex(session._id);
    return {
      id,
      status: session.status,
      school: schoolView(school),
      course: courseView(course),
      venue: venueView(venue),
      startsAt: iso(session.startsAt),
      endsAt: iso(session.endsAt),
      bookingOpensAt: iso(session.bookingOpensAt),
      bookingClosesAt: iso(session.bookingClosesAt),
      cancelCutoffMinutes: session.cancelCutoffMinutes,
      capacity: session.capacity,
      // Sessions stored before staff gave reasons have no note.
      cancelNote: session.cancelNote ?? null,
      seatsLeft: session.status === 'cancelled' ? 0 : Math.max(0, session.capacity - session.booked),
      waitlistLength: waitingBySession.get(id) ?? 0,
      myBooking: summary(known.get(id) ?? mine.get(id)),
    };
  });
}

/** Booking views for bookings of the same holder; sessions are loaded and shaped in one batch. */
export async function bookingViews(
  deps: Deps,
  bookings: Booking[],
  sessions: SessionRow[],
  user: SessionUser,
): Promise<BookingView[]> {
  const mine = await myBookings(deps, bookings);
  const views = byIdString(await sessionViews(deps, sessions, user, mine));
  return bookings.map((booking) => {
    const session = views.get(hex(booking.pool));
    if (!session) throw new Error(`booking ${hex(booking._id)} refers to a missing session`);
    const status = booking.status as BookingView['status'];
    const own = mine.get(hex(booking.pool));
    return {
      id: hex(booking._id),
      status,
      position: own?.id === hex(booking._id) ? own.position : null,
      shortCode: status === 'confirmed' ? booking.shortCode : null,
      checkedInAt: booking.checkedInAt ? iso(booking.checkedInAt) : null,
      cancelledAt: booking.cancelledAt ? iso(booking.cancelledAt) : null,
      cancelReason: booking.cancelReason,
      createdAt: iso(booking.createdAt),
      session,
    };
  });
}

const byIdString = (views: SessionView[]) => new Map(views.map((view) => [view.id, view]));
