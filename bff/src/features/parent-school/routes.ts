import { api } from '@warmcity/shared';
import { implement } from '../../platform/implement';
import { book, cancelBooking, getBooking, getBookingCalendar, getCheckInPass, listMyBookings } from './booking.service';
import {
  createCourse,
  createVenue,
  listCourses,
  listSchools,
  staffSchools,
  updateCourse,
  updateVenue,
} from './catalog.service';
import { checkIn } from './check-in.service';
import { familiesServed, roster } from './roster.service';
import { cancelSession, createSession, getSession, listSessions, updateSession } from './session.service';
import { listMySubscriptions, subscribe, unsubscribe } from './subscription.service';

export const parentSchoolRoutes = implement(api['parent-school'], {
  listSchools: ({ deps }) => listSchools(deps),
  listCourses: ({ query, deps }) => listCourses(deps, query),
  listSessions: ({ user, query, deps }) => listSessions(deps, user, query),
  getSession: ({ user, params, deps }) => getSession(deps, user, params.id),
  book: ({ user, body, deps }) => book(deps, user, body),
  listMyBookings: ({ user, query, deps }) => listMyBookings(deps, user, query),
  getBooking: ({ user, params, deps }) => getBooking(deps, user, params.id),
  getCheckInPass: ({ user, params, deps }) => getCheckInPass(deps, user, params.id),
  getBookingCalendar: async ({ user, params, ctx, deps }) => {
    const file = await getBookingCalendar(deps, user, params.id);
    ctx.set('Content-Disposition', `attachment; filename="parent-school-${params.id}.ics"`);
    return file;
  },
  cancelBooking: ({ user, params, deps }) => cancelBooking(deps, user, params.id),
  subscribe: ({ user, body, deps }) => subscribe(deps, user, body),
  listMySubscriptions: ({ user, deps }) => listMySubscriptions(deps, user),
  unsubscribe: ({ user, params, deps }) => unsubscribe(deps, user, params.id),

  staffSchools: ({ user, deps }) => staffSchools(deps, user),
  createVenue: ({ user, body, deps }) => createVenue(deps, user, body),
  updateVenue: ({ user, params, body, deps }) => updateVenue(deps, user, params.id, body),
  createCourse: ({ user, body, deps }) => createCourse(deps, user, body),
  updateCourse: ({ user, params, body, deps }) => updateCourse(deps, user, params.id, body),
  createSession: ({ user, body, deps }) => createSession(deps, user, body),
  updateSession: ({ user, params, body, deps }) => updateSession(deps, user, params.id, body),
  cancelSession: ({ user, params, body, deps }) => cancelSession(deps, user, params.id, body.reason),
  checkIn: ({ user, params, body, deps }) => checkIn(deps, user, params.id, body),
  roster: ({ user, params, deps }) => roster(deps, user, params.id),
  familiesServed: ({ user, params, query, deps }) => familiesServed(deps, user, params.id, query.year),
});
