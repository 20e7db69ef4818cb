import { Types, type QueryFilter } from 'mongoose';
import { scheduleIssues, type OperationInput, type SessionTimes } from '@warmcity/shared';
import type { parentSchoolApi } from '@warmcity/shared/api/parent-school';
import type { Deps } from '../../platform/deps';
import { problem } from '../../platform/problem';
import { repairSeats } from '../../platform/seats/repair';
import { REPAIR_AFTER_MS, SeatError } from '../../platform/seats/seats';
import type { SessionUser } from '../../platform/session';
import { requireSchool, requireStaff } from './access';
import { Bookings } from './booking.model';
import { Courses } from './course.model';
import { oid } from './ids';
import { Openings } from './opening.model';
import { announceCancellation, announceReschedule, moveReminders, promotionNotices } from './notices';
import { sessionSeatModels, sessionSeats } from './seats';
import { Sessions, type ClassSession } from './session.model';
import { sessionViews, type SessionRow } from './views';
import { Venues } from './venue.model';

type Api = typeof parentSchoolApi;
type Query<K extends keyof Api> = OperationInput<Api[K]>['query'];
type Body<K extends keyof Api> = OperationInput<Api[K]>['body'];

const MINUTE = 60_000;

/** The page cursor is the last session's start and id, so pages stay stable as sessions are added. */
const encodeCursor = (session: SessionRow) =>
  Buffer.from(`${session.startsAt.getTime()}:${session._id.toHexString()}`).toString('base64url');

function afterCursor(cursor: string | undefined): QueryFilter<ClassSession> {
  if (cursor === undefined) return {};
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match)
    throw problem('VALIDATION_FAILED', undefined, { errors: [{ path: 'query.cursor', message: 'unknown cursor' }] });
  const startsAt = new Date(Number(match[1]));
  const id = new Types.ObjectId(match[2]);
  return { $or: [{ startsAt: { $gt: startsAt } }, { startsAt, _id: { $gt: id } }] };
}

export async function listSessions(deps: Deps, user: SessionUser | null, query: Query<'listSessions'>) {
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
    .find({ $and: [filter, afterCursor(query.cursor)] }, { journal: 0 })
    .sort({ startsAt: 1, _id: 1 })
    .limit(query.limit + 1)
    .lean();
  const sessions = docs.slice(0, query.limit);
  const last = sessions[sessions.length - 1];
  return {
    items: await sessionViews(deps, sessions, user),
    nextCursor: docs.length > query.limit && last ? encodeCursor(last) : null,
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
  requireSchool(user, session.schoolId);
  return session;
}

function checkSchedule(times: SessionTimes, now: Date): void {
  const issues = scheduleIssues(times, now);
  if (issues.length > 0) {
    throw problem('INVALID_SCHEDULE', undefined, {
      errors: issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })),
    });
  }
}

async function venueOfSchool(deps: Deps, venueId: string, schoolId: Types.ObjectId) {
  const venue = await Venues(deps.connection).findById(oid(venueId)).lean();
  // A venue of another school is as unknown here as a missing one.
  if (!venue || !venue.schoolId.equals(schoolId)) throw problem('NOT_FOUND');
  return venue;
}

export async function createSession(deps: Deps, user: SessionUser, body: Body<'createSession'>) {
  requireStaff(user);
  const course = await Courses(deps.connection).findById(oid(body.courseId)).lean();
  if (!course) throw problem('NOT_FOUND');
  requireSchool(user, course.schoolId);
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
  });
  await Openings(deps.connection).create({
    sessionId: session._id,
    courseId: course._id,
    venueId: venue._id,
    createdAt: now,
  });
  return getSession(deps, user, session._id.toHexString());
}

export async function updateSession(deps: Deps, user: SessionUser, id: string, body: Body<'updateSession'>) {
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
  if (moved) await announceReschedule(deps, session, times.startsAt);
  await Sessions(deps.connection).updateOne(
    { _id: session._id },
    { $set: { ...times, ...(body.venueId ? { venueId: oid(body.venueId) } : {}) } },
  );
  if (moved) {
    await Bookings(deps.connection).updateMany({ pool: session._id }, { $set: { sessionStartsAt: times.startsAt } });
    await moveReminders(deps, session, times.startsAt);
  }
  if (body.capacity !== undefined && body.capacity !== session.capacity) {
    try {
      await sessionSeats(deps.connection, { onPromoted: promotionNotices(deps) }).setCapacity(
        session._id,
        body.capacity,
      );
    } catch (error) {
      if (error instanceof SeatError && error.reason === 'capacity_below_booked')
        throw problem('CAPACITY_BELOW_BOOKED');
      throw error;
    }
  }
  return getSession(deps, user, id);
}

export async function cancelSession(deps: Deps, user: SessionUser, id: string, reason: string) {
  const session = await staffSession(deps, user, id);
  if (session.status === 'scheduled') {
    await announceCancellation(deps, session, reason);
    await sessionSeats(deps.connection).close(
      session._id,
      { status: 'cancelled', cancelledAt: deps.clock.now(), cancelNote: reason },
      { cancelReason: 'session_cancelled' },
    );
    await repairSeats(sessionSeatModels(deps.connection), session._id, {
      now: deps.clock.now(),
      onPromoted: promotionNotices(deps),
    });
  }
  return getSession(deps, user, id);
}

/**
 * Finishes what dead requests left in this session's seats before a request relies on them;
 * true when it did, so the caller knows its copy of the session is stale. Cheap when there is
 * nothing to do: it only looks at the session document already loaded.
 */
export async function healSeatsIfStale(deps: Deps, session: Pick<ClassSession, '_id' | 'journal'>): Promise<boolean> {
  const now = deps.clock.now();
  const cutoff = now.getTime() - REPAIR_AFTER_MS;
  if (!session.journal.some((entry) => entry.at.getTime() < cutoff)) return false;
  await repairSeats(sessionSeatModels(deps.connection), session._id, { now, onPromoted: promotionNotices(deps) });
  return true;
}
