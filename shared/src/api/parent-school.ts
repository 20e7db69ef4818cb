import { z } from 'zod';
import {
  idParams,
  isoDateTime,
  multiLineText,
  objectId,
  ok,
  page,
  pageQuery,
  singleLineText,
} from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { MAX_CANCEL_CUTOFF_MINUTES, MAX_SESSION_CAPACITY } from '../parent-school/schedule';

/** 家长学校: micro-courses at the school gate, booked seat by seat, with a waitlist and check-in. */

export const schoolView = z.strictObject({
  id: objectId,
  name: z.string(),
  district: z.string(),
});

export const venueView = z.strictObject({
  id: objectId,
  schoolId: objectId,
  name: z.string(),
  address: z.string(),
});
export type VenueView = z.infer<typeof venueView>;

export const courseView = z.strictObject({
  id: objectId,
  schoolId: objectId,
  title: z.string(),
  summary: z.string(),
  speaker: z.string(),
  durationMinutes: z.number().int(),
});
export type CourseView = z.infer<typeof courseView>;

/** `pending` is never shown: it only exists between the steps of one booking request. */
export const bookingStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']);

export const myBookingSummary = z.strictObject({
  id: objectId,
  status: bookingStatus,
  /** 1-based place in the waitlist, counting only people still waiting; null unless waitlisted. */
  position: z.number().int().positive().nullable(),
});

export const sessionView = z.strictObject({
  id: objectId,
  status: z.enum(['scheduled', 'cancelled']),
  school: schoolView,
  course: courseView,
  venue: venueView,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  bookingOpensAt: isoDateTime,
  bookingClosesAt: isoDateTime,
  cancelCutoffMinutes: z.number().int(),
  capacity: z.number().int(),
  /** Staff's reason, shown to everyone who had booked; null unless cancelled. */
  cancelNote: z.string().nullable(),
  seatsLeft: z.number().int(),
  waitlistLength: z.number().int(),
  /** The caller's active booking, when signed in and holding one. */
  myBooking: myBookingSummary.nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const bookingView = z.strictObject({
  id: objectId,
  status: bookingStatus,
  position: z.number().int().positive().nullable(),
  /** Six digits staff can type instead of scanning; only while the seat is confirmed. */
  shortCode: z.string().nullable(),
  checkedInAt: isoDateTime.nullable(),
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.enum(['resident', 'session_cancelled', 'account_deleted']).nullable(),
  createdAt: isoDateTime,
  session: sessionView,
});
export type BookingView = z.infer<typeof bookingView>;

export const checkInPass = z.strictObject({
  bookingId: objectId,
  /** Signed, single-use: what the QR code carries. */
  token: z.string(),
  shortCode: z.string(),
  /** The QR code as a PNG data URL, ready for an <Image>. */
  qrDataUrl: z.string(),
});

export const subscriptionTarget = z.enum(['course', 'venue']);

export const subscriptionView = z.strictObject({
  id: objectId,
  target: subscriptionTarget,
  targetId: objectId,
  /** The course title or venue name, so the list reads without another call. */
  label: z.string(),
  createdAt: isoDateTime,
});

export const rosterEntry = z.strictObject({
  bookingId: objectId,
  /** The holder's verified name, masked (王**), or null when they have not verified one. */
  maskedName: z.string().nullable(),
  status: bookingStatus,
  position: z.number().int().positive().nullable(),
  shortCode: z.string().nullable(),
  checkedInAt: isoDateTime.nullable(),
  bookedAt: isoDateTime,
});

export const rosterView = z.strictObject({
  session: sessionView,
  counts: z.strictObject({
    confirmed: z.number().int(),
    waitlisted: z.number().int(),
    checkedIn: z.number().int(),
    /** Confirmed but not checked in once the check-in window has closed; 0 before that. */
    noShows: z.number().int(),
    cancelled: z.number().int(),
  }),
  entries: z.array(rosterEntry),
});

export const familiesServed = z.strictObject({
  schoolId: objectId,
  year: z.number().int(),
  /** Distinct accounts checked in at least once this year, across all courses. */
  families: z.number().int(),
  checkIns: z.number().int(),
  courses: z.array(
    z.strictObject({
      courseId: objectId,
      title: z.string(),
      sessions: z.number().int(),
      families: z.number().int(),
      checkIns: z.number().int(),
    }),
  ),
});

export const checkInResult = z.strictObject({
  bookingId: objectId,
  shortCode: z.string(),
  checkedInAt: isoDateTime,
});

const sessionListQuery = pageQuery.extend({
  schoolId: objectId.optional(),
  venueId: objectId.optional(),
  courseId: objectId.optional(),
  /** Sessions starting at or after this instant; defaults to now (upcoming only). */
  from: isoDateTime.optional(),
  /** Sessions starting before this instant. */
  to: isoDateTime.optional(),
});

const myBookingsQuery = pageQuery.extend({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
});

const capacity = z.number().int().min(1).max(MAX_SESSION_CAPACITY);
const cancelCutoffMinutes = z.number().int().min(0).max(MAX_CANCEL_CUTOFF_MINUTES);

const venueBody = z.strictObject({ schoolId: objectId, name: singleLineText(60), address: singleLineText(200) });
const courseBody = z.strictObject({
  schoolId: objectId,
  title: singleLineText(80),
  summary: multiLineText(1000),
  speaker: singleLineText(60),
  durationMinutes: z.number().int().min(5).max(480),
});
const sessionBody = z.strictObject({
  courseId: objectId,
  venueId: objectId,
  startsAt: isoDateTime,
  /** Defaults to the start plus the course's duration. */
  endsAt: isoDateTime.optional(),
  capacity,
  /** Defaults to now. */
  bookingOpensAt: isoDateTime.optional(),
  /** Defaults to the start. */
  bookingClosesAt: isoDateTime.optional(),
  cancelCutoffMinutes: cancelCutoffMinutes.default(0),
});
const sessionPatch = z.strictObject({
  venueId: objectId.optional(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  capacity: capacity.optional(),
  bookingOpensAt: isoDateTime.optional(),
  bookingClosesAt: isoDateTime.optional(),
  cancelCutoffMinutes: cancelCutoffMinutes.optional(),
});

const checkInBody = z.union([
  z.strictObject({ token: z.string().min(10).max(200) }),
  z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be six digits') }),
]);

const base = '/api/parent-school';

export const parentSchoolApi = {
  listSchools: defineOperation({
    id: 'parent-school.listSchools',
    method: 'GET',
    path: `${base}/schools`,
    summary: 'Schools running parent classes, with their venues',
    access: 'public',
    response: z.strictObject({ items: z.array(schoolView.extend({ venues: z.array(venueView) })) }),
  }),
  listCourses: defineOperation({
    id: 'parent-school.listCourses',
    method: 'GET',
    path: `${base}/courses`,
    summary: 'Courses, optionally of one school',
    access: 'public',
    query: z.strictObject({ schoolId: objectId.optional() }),
    response: z.strictObject({ items: z.array(courseView) }),
  }),
  listSessions: defineOperation({
    id: 'parent-school.listSessions',
    method: 'GET',
    path: `${base}/sessions`,
    summary: 'Sessions by school, venue, course and date, with seats left and my booking',
    access: 'optional',
    query: sessionListQuery,
    response: page(sessionView),
  }),
  getSession: defineOperation({
    id: 'parent-school.getSession',
    method: 'GET',
    path: `${base}/sessions/:id`,
    summary: 'One session',
    access: 'optional',
    params: idParams,
    response: sessionView,
  }),
  book: defineOperation({
    id: 'parent-school.book',
    method: 'POST',
    path: `${base}/bookings`,
    summary: 'Book a seat: confirmed while seats remain, otherwise a place on the waitlist',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: z.strictObject({ sessionId: objectId }),
    response: bookingView,
    problems: ['BOOKING_NOT_OPEN', 'BOOKING_CLOSED', 'SESSION_IN_PAST', 'SESSION_CANCELLED', 'ALREADY_BOOKED'],
  }),
  listMyBookings: defineOperation({
    id: 'parent-school.listMyBookings',
    method: 'GET',
    path: `${base}/me/bookings`,
    summary: 'My bookings, upcoming (soonest first) or past (latest first)',
    access: 'resident',
    query: myBookingsQuery,
    response: page(bookingView),
  }),
  getBooking: defineOperation({
    id: 'parent-school.getBooking',
    method: 'GET',
    path: `${base}/bookings/:id`,
    summary: 'One of my bookings',
    access: 'resident',
    params: idParams,
    response: bookingView,
  }),
  getCheckInPass: defineOperation({
    id: 'parent-school.getCheckInPass',
    method: 'GET',
    path: `${base}/bookings/:id/pass`,
    summary: 'The check-in QR code and short code of a confirmed booking',
    access: 'resident',
    params: idParams,
    response: checkInPass,
    problems: ['BOOKING_NOT_CONFIRMED', 'BOOKING_CANCELLED', 'ALREADY_CHECKED_IN'],
  }),
  getBookingCalendar: defineOperation({
    id: 'parent-school.getBookingCalendar',
    method: 'GET',
    path: `${base}/bookings/:id/calendar.ics`,
    summary: 'The booking as an iCalendar event for the phone calendar',
    access: 'resident',
    params: idParams,
    response: z.string(),
    produces: 'text/calendar',
  }),
  cancelBooking: defineOperation({
    id: 'parent-school.cancelBooking',
    method: 'POST',
    path: `${base}/bookings/:id/cancel`,
    summary: 'Cancel my booking; the first person waiting takes the seat. Cancelling twice is harmless',
    access: 'resident',
    params: idParams,
    response: bookingView,
    problems: ['CANCEL_CUTOFF_PASSED', 'ALREADY_CHECKED_IN'],
  }),
  subscribe: defineOperation({
    id: 'parent-school.subscribe',
    method: 'POST',
    path: `${base}/subscriptions`,
    summary: '下期提醒: tell me when a new session of this course or at this venue opens',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: z.strictObject({ target: subscriptionTarget, targetId: objectId }),
    response: subscriptionView,
  }),
  listMySubscriptions: defineOperation({
    id: 'parent-school.listMySubscriptions',
    method: 'GET',
    path: `${base}/me/subscriptions`,
    summary: 'My 下期提醒 subscriptions',
    access: 'resident',
    response: z.strictObject({ items: z.array(subscriptionView) }),
  }),
  unsubscribe: defineOperation({
    id: 'parent-school.unsubscribe',
    method: 'DELETE',
    path: `${base}/subscriptions/:id`,
    summary: 'Stop a 下期提醒 subscription',
    access: 'resident',
    params: idParams,
    response: ok,
  }),

  staffSchools: defineOperation({
    id: 'parent-school.staffSchools',
    method: 'GET',
    path: `${base}/staff/schools`,
    summary: 'The schools this staff member runs classes for',
    access: 'staff',
    response: z.strictObject({ items: z.array(schoolView) }),
  }),
  createVenue: defineOperation({
    id: 'parent-school.createVenue',
    method: 'POST',
    path: `${base}/staff/venues`,
    summary: 'Add a venue to my school',
    access: 'staff',
    idempotent: true,
    status: 201,
    body: venueBody,
    response: venueView,
  }),
  updateVenue: defineOperation({
    id: 'parent-school.updateVenue',
    method: 'PATCH',
    path: `${base}/staff/venues/:id`,
    summary: 'Rename or move a venue',
    access: 'staff',
    params: idParams,
    body: venueBody.omit({ schoolId: true }).partial(),
    response: venueView,
  }),
  createCourse: defineOperation({
    id: 'parent-school.createCourse',
    method: 'POST',
    path: `${base}/staff/courses`,
    summary: 'Add a course to my school',
    access: 'staff',
    idempotent: true,
    status: 201,
    body: courseBody,
    response: courseView,
  }),
  updateCourse: defineOperation({
    id: 'parent-school.updateCourse',
    method: 'PATCH',
    path: `${base}/staff/courses/:id`,
    summary: 'Edit a course',
    access: 'staff',
    params: idParams,
    body: courseBody.omit({ schoolId: true }).partial(),
    response: courseView,
  }),
  createSession: defineOperation({
    id: 'parent-school.createSession',
    method: 'POST',
    path: `${base}/staff/sessions`,
    summary: 'Schedule a session of a course at a venue; subscribers are told it opened',
    access: 'staff',
    idempotent: true,
    status: 201,
    body: sessionBody,
    response: sessionView,
    problems: ['INVALID_SCHEDULE'],
  }),
  updateSession: defineOperation({
    id: 'parent-school.updateSession',
    method: 'PATCH',
    path: `${base}/staff/sessions/:id`,
    summary: 'Change times, venue or capacity; more seats promote people from the waitlist',
    access: 'staff',
    params: idParams,
    body: sessionPatch,
    response: sessionView,
    problems: ['INVALID_SCHEDULE', 'CAPACITY_BELOW_BOOKED', 'SESSION_CANCELLED'],
  }),
  cancelSession: defineOperation({
    id: 'parent-school.cancelSession',
    method: 'POST',
    path: `${base}/staff/sessions/:id/cancel`,
    summary: 'Cancel a session: every booking is cancelled and its holder told why',
    access: 'staff',
    params: idParams,
    body: z.strictObject({ reason: singleLineText(200) }),
    response: sessionView,
  }),
  checkIn: defineOperation({
    id: 'parent-school.checkIn',
    method: 'POST',
    path: `${base}/staff/sessions/:id/check-ins`,
    summary: 'Check a booking in by its scanned QR token or its typed short code',
    access: 'staff',
    params: idParams,
    body: checkInBody,
    response: checkInResult,
    problems: [
      'CHECK_IN_TOKEN_INVALID',
      'CHECK_IN_NOT_OPEN',
      'ALREADY_CHECKED_IN',
      'BOOKING_CANCELLED',
      'BOOKING_NOT_CONFIRMED',
      'BOOKING_OTHER_SESSION',
      'SESSION_CANCELLED',
    ],
  }),
  roster: defineOperation({
    id: 'parent-school.roster',
    method: 'GET',
    path: `${base}/staff/sessions/:id/roster`,
    summary: 'Who is confirmed, waiting, checked in and absent',
    access: 'staff',
    params: idParams,
    response: rosterView,
  }),
  familiesServed: defineOperation({
    id: 'parent-school.familiesServed',
    method: 'GET',
    path: `${base}/staff/schools/:id/families-served`,
    summary: 'Families served in a year, per course and in total',
    access: 'staff',
    params: idParams,
    query: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: familiesServed,
  }),
} as const;

export const parentSchoolProblems = defineProblems({
  BOOKING_NOT_OPEN: { status: 409, title: 'Booking has not opened yet', zh: '预约尚未开始' },
  BOOKING_CLOSED: { status: 409, title: 'Booking has closed', zh: '预约已截止' },
  SESSION_IN_PAST: { status: 400, title: 'The session has already started', zh: '该场次已开始，无法预约' },
  SESSION_CANCELLED: { status: 409, title: 'The session was cancelled', zh: '该场次已取消' },
  ALREADY_BOOKED: { status: 409, title: 'You already hold a booking for this session', zh: '您已预约过该场次' },
  CANCEL_CUTOFF_PASSED: { status: 409, title: 'Too late to cancel', zh: '已过取消截止时间' },
  BOOKING_NOT_CONFIRMED: { status: 409, title: 'The booking does not hold a seat', zh: '该预约尚未确认座位' },
  BOOKING_CANCELLED: { status: 409, title: 'The booking was cancelled', zh: '该预约已取消' },
  BOOKING_OTHER_SESSION: { status: 409, title: 'The booking is for another session', zh: '该预约不是本场次的' },
  ALREADY_CHECKED_IN: { status: 409, title: 'Already checked in', zh: '已签到，无需重复签到' },
  CHECK_IN_TOKEN_INVALID: { status: 400, title: 'Not a check-in code of ours', zh: '无法识别的签到码' },
  CHECK_IN_NOT_OPEN: { status: 409, title: 'Check-in is not open for this session now', zh: '当前不在签到时间内' },
  INVALID_SCHEDULE: { status: 400, title: 'The session times do not fit together', zh: '场次时间设置有误' },
  CAPACITY_BELOW_BOOKED: {
    status: 409,
    title: 'More seats are taken than the new capacity',
    zh: '已预约人数超过新的座位数',
  },
});
