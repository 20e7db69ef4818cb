import type { QueryFilter, Types } from 'mongoose';
import { scheduleIssues, type SessionTimes } from '@warmcity/shared';
import type { parentSchoolApi } from '@warmcity/shared/api/parent-school';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import type { Body, Query } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { SeatError } from '../../platform/seats/seats';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Bookings } from './booking.model';
import { Courses } from './course.model';
import { announceCancellation, announceReschedule, moveReminders } from './notices';
import { sessionSeats } from './seats';
import { forgetSessions } from './session-cache';
import { Sessions, type ClassSession } from './session.model';
import { sessionViews } from './view-data.service';
import { Venues } from './venue.model';

type Api = typeof parentSchoolApi;

const MINUTE = 60_000;

export async function listSessions(deps: Deps, user: SessionUser | null, query: Query<Api['listSessions']>) {
  const filter: QueryFilter<ClassSession> = {
    status: 'scheduled',
    startsAt: {
      $gte: query.from ? new Date(query.from) : deps.clock.now(),
      ...(query.to ? { $lt: new Date(query.to) } : {}),
    },
    ...(query.schoolId ? { schoolId: oid(query.schoolId) } : {}),
    ...(query.venueId ? { venueId: oid(query.venueId) } : {}),
    ...(query.courseId ? { courseId: oid(query.courseId) } : {}),
  };
  const docs = await Sessions(deps.connection)
    .find({ $and: [filter, afterCursor(query.cursor, 'startsAt')] }, { journal: 0 })
    .sort({ startsAt: 1, _id: 1 })
    .limit(query.limit + 1)
    .lean();
  const sessions = docs.slice(0, query.limit);
  const last = sessions[sessions.length - 1];
  return {
    items: await sessionViews(deps, sessions, user),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.startsAt, id: last._id }) : null,
  };
}

export async function getSession(deps: Deps, user: SessionUser | null, id: string) {
  const session = await Sessions(deps.connection).findById(oid(id), { journal: 0 }).lean();
  if (!session) throw problem('NOT_FOUND');
  const [view] = await sessionViews(deps, [session], user);
  return view!;
}

/** A session as staff may touch it: theirs, or exactly as missing as someone else's. */
async function staffSession(deps: Deps, user: SessionUser, id: string): Promise<ClassSession> {
  requireStaff(user);
  const session = await Sessions(deps.connection).findById(oid(id)).lean();
  if (!session) throw problem('NOT_FOUND');
  requireScope(user, 'school', session.schoolId);
  return session;
}

function checkSchedule(times: SessionTimes, now: Date): void {
  const issues = scheduleIssues(times, now);
  if (issues.length > 0) {
    throw problem('INVALID_SCHEDULE', undefined, {
      errors: issues.map((issue) => ({ path: `body.${issue.path}`, code: issue.code, message: issue.message })),
    });
  }
}

async function venueOfSchool(deps: Deps, venueId: string, schoolId: Types.ObjectId) {
  const venue = await Venues(deps.connection).findById(oid(venueId)).lean();
  // A venue of another school is as unknown here as a missing one.
  if (!venue || !venue.schoolId.equals(schoolId)) throw problem('NOT_FOUND');
  return venue;
}

export async function createSession(deps: Deps, user: SessionUser, body: Body<Api['createSession']>) {
  requireStaff(user);
  const course = await Courses(deps.connection).findById(oid(body.courseId)).lean();
  if (!course) throw problem('NOT_FOUND');
  requireScope(user, 'school', course.schoolId);
  const venue = await venueOfSchool(deps, body.venueId, course.schoolId);

  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  const times: SessionTimes = {
    startsAt,
    endsAt: body.endsAt ? new Date(body.endsAt) : new Date(startsAt.getTime() + course.durationMinutes * MINUTE),
    bookingOpensAt: body.bookingOpensAt ? new Date(body.bookingOpensAt) : now,
    bookingClosesAt: body.bookingClosesAt ? new Date(body.bookingClosesAt) : startsAt,
    cancelCutoffMinutes: body.cancelCutoffMinutes,
  };
  checkSchedule(times, now);

  const session = await Sessions(deps.connection).create({
    ...times,
    schoolId: course.schoolId,
    courseId: course._id,
    venueId: venue._id,
    capacity: body.capacity,
    createdAt: now,
    openingDeliveredAt: null,
  });
  return getSession(deps, user, session._id.toHexString());
}

export async function updateSession(deps: Deps, user: SessionUser, id: string, body: Body<Api['updateSession']>) {
  const session = await staffSession(deps, user, id);
  if (session.status === 'cancelled') throw problem('SESSION_CANCELLED');
  if (body.venueId) await venueOfSchool(deps, body.venueId, session.schoolId);

  const date = (value: string | undefined, current: Date) => (value ? new Date(value) : current);
  const times: SessionTimes = {
    startsAt: date(body.startsAt, session.startsAt),
    endsAt: date(body.endsAt, session.endsAt),
    bookingOpensAt: date(body.bookingOpensAt, session.bookingOpensAt),
    bookingClosesAt: date(body.bookingClosesAt, session.bookingClosesAt),
    cancelCutoffMinutes: body.cancelCutoffMinutes ?? session.cancelCutoffMinutes,
  };
  checkSchedule(times, deps.clock.now());

  const moved = times.startsAt.getTime() !== session.startsAt.getTime();
  // Guarded on the new time being saved: a refused capacity or a dead request tells nobody.
  if (moved) await announceReschedule(deps, session, times.startsAt);
  // One write to the session: a capacity refused leaves the new times unsaved as well.
  const set = { ...times, ...(body.venueId ? { venueId: oid(body.venueId) } : {}) };
  if (body.capacity !== undefined && body.capacity !== session.capacity) {
    try {
      await sessionSeats(deps).setCapacity(session._id, body.capacity, set);
    } catch (error) {
      if (error instanceof SeatError && error.reason === 'capacity_below_booked')
        throw problem('CAPACITY_BELOW_BOOKED');
      throw error;
    }
  } else {
    await Sessions(deps.connection).updateOne({ _id: session._id }, { $set: set });
  }
  if (moved) {
    await Bookings(deps.connection).updateMany({ pool: session._id }, { $set: { sessionStartsAt: times.startsAt } });
    await moveReminders(deps, session, times.startsAt);
  }
  forgetSessions();
  return getSession(deps, user, id);
}

export async function cancelSession(deps: Deps, user: SessionUser, id: string, reason: string) {
  const session = await staffSession(deps, user, id);
  if (session.status === 'scheduled') {
    await announceCancellation(deps, session, reason);
    await sessionSeats(deps).close(
      session._id,
      { status: 'cancelled', cancelledAt: deps.clock.now(), cancelNote: reason },
      { cancelReason: 'session_cancelled' },
    );
    forgetSessions();
  }
  return getSession(deps, user, id);
}
