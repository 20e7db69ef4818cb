import { Types } from 'mongoose';
import type { BookingView, SessionView } from '@warmcity/shared/api/parent-school';
import type { Deps } from '../../platform/deps';
import type { SessionUser } from '../../platform/session';
import { Bookings, type Booking } from './booking.model';
import { referencesFor } from './references';
import { sessionSeats } from './seats';
import { bookingView, sessionView, type KnownBooking, type MyBooking, type SessionRow } from './views';

const hex = (id: Types.ObjectId) => id.toHexString();
const distinctIds = (ids: Types.ObjectId[]) => [...new Set(ids.map(hex))].map((id) => new Types.ObjectId(id));

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
  // Counted on the driver: a waitlisted booking's answer makes this count, and the filter holds
  // only values of the stored types.
  const bookings = Bookings(deps.connection).collection;
  if (mine?.status === 'waitlisted' && mine.position !== null && mine.ticket !== null) {
    return mine.position + (await bookings.countDocuments({ ...waiting, ticket: { $gt: mine.ticket } }));
  }
  return bookings.countDocuments(waiting);
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
  const [references, waiting, found] = await Promise.all([
    referencesFor(connection, {
      schools: distinctIds(sessions.map((s) => s.schoolId)),
      courses: distinctIds(sessions.map((s) => s.courseId)),
      venues: distinctIds(sessions.map((s) => s.venueId)),
    }),
    // One indexed count per session (a page is at most 100) rather than a $group over them all,
    // and none for a session with places left: a freed place goes to the first in line at once,
    // so nobody waits there but for the instant a promotion is under way.
    Promise.all(
      sessions.map(
        async (s) =>
          [hex(s._id), s.booked < s.capacity ? 0 : await waitlistLength(deps, s._id, known.get(hex(s._id)))] as const,
      ),
    ),
    user && unknown.length > 0 && Types.ObjectId.isValid(user.id)
      ? Bookings(connection)
          .find({
            pool: { $in: unknown },
            holder: new Types.ObjectId(user.id),
            status: { $in: ['confirmed', 'waitlisted'] },
          })
          .lean()
          .then((bookings) => myBookings(deps, bookings))
      : Promise.resolve(new Map<string, KnownBooking>()),
  ]);
  const data = { ...references, waiting: new Map(waiting), mine: new Map([...found, ...known]) };
  return sessions.map((session) => sessionView(session, data));
}

/** Booking views for bookings of the same holder; sessions are loaded and shaped in one batch. */
export async function bookingViews(
  deps: Deps,
  bookings: Booking[],
  sessions: SessionRow[],
  user: SessionUser,
): Promise<BookingView[]> {
  const mine = await myBookings(deps, bookings);
  const views = new Map((await sessionViews(deps, sessions, user, mine)).map((view) => [view.id, view]));
  return bookings.map((booking) => {
    const session = views.get(hex(booking.pool));
    if (!session) throw new Error(`booking ${hex(booking._id)} refers to a missing session`);
    return bookingView(booking, session, mine.get(hex(booking.pool)));
  });
}
