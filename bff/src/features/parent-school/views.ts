import type { Types } from 'mongoose';
import type { BookingView, SessionView } from '@warmcity/shared/api/parent-school';
import type { Booking } from './booking.model';
import type { Course } from './course.model';
import type { School } from './school.model';
import type { ClassSession } from './session.model';
import type { Venue } from './venue.model';

/** Views never need the seats journal, so queries for them leave it out. */
export type SessionRow = Omit<ClassSession, 'journal'>;

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

export type MyBooking = NonNullable<SessionView['myBooking']>;
/** The caller's booking with its waitlist ticket, which views keep to themselves. */
export type KnownBooking = MyBooking & { ticket: number | null };

/** What a page of session views needs besides the sessions, loaded by `view-data.service.ts`. */
export interface SessionViewData {
  readonly schools: Map<string, School>;
  readonly courses: Map<string, Course>;
  readonly venues: Map<string, Venue>;
  /** People waiting, by session id. */
  readonly waiting: Map<string, number>;
  /** The caller's active booking, by session id. */
  readonly mine: Map<string, KnownBooking>;
}

const summary = (booking: KnownBooking | undefined): MyBooking | null =>
  booking ? { id: booking.id, status: booking.status, position: booking.position } : null;

export function sessionView(session: SessionRow, data: SessionViewData): SessionView {
  const school = data.schools.get(hex(session.schoolId));
  const course = data.courses.get(hex(session.courseId));
  const venue = data.venues.get(hex(session.venueId));
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
    waitlistLength: data.waiting.get(id) ?? 0,
    myBooking: summary(data.mine.get(id)),
  };
}

/** A booking with its session's view; `own` is the holder's active booking of that session. */
export function bookingView(booking: Booking, session: SessionView, own: KnownBooking | undefined): BookingView {
  const status = booking.status as BookingView['status'];
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
}
