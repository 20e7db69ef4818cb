import { CHECK_IN_TRAIL_MS } from '@warmcity/shared';
import { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import { maskedNames } from '../../platform/people';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Bookings } from './booking.model';
import { Courses } from './course.model';
import { Sessions } from './session.model';
import { sessionSeats } from './seats';
import { sessionViews } from './view-data.service';
import { SHOWN_STATUSES } from './views';

const statusOrder = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;

export async function roster(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  const loaded = await Sessions(deps.connection).findById(oid(id)).lean();
  if (!loaded) throw problem('NOT_FOUND');
  requireScope(user, 'school', loaded.schoolId);
  // Staff read these counts as the truth, so whatever a dead request left is finished first.
  const healed = await sessionSeats(deps).repairIfStale(loaded);
  const session = healed ? ((await Sessions(deps.connection).findById(loaded._id).lean()) ?? loaded) : loaded;

  const bookings = await Bookings(deps.connection)
    .find({ pool: session._id, status: { $in: SHOWN_STATUSES } })
    .sort({ status: 1, ticket: 1, createdAt: 1 })
    .lean();
  bookings.sort(
    (a, b) => statusOrder[a.status as keyof typeof statusOrder] - statusOrder[b.status as keyof typeof statusOrder],
  );
  const names = await maskedNames(deps, [...new Map(bookings.map((b) => [b.holder.toHexString(), b.holder])).values()]);
  let waiting = 0;
  const entries = bookings.map((booking) => ({
    bookingId: booking._id.toHexString(),
    maskedName: names.get(booking.holder.toHexString()) ?? null,
    status: booking.status as (typeof SHOWN_STATUSES)[number],
    position: booking.status === 'waitlisted' ? (waiting += 1) : null,
    shortCode: booking.status === 'confirmed' ? booking.shortCode : null,
    checkedInAt: booking.checkedInAt?.toISOString() ?? null,
    bookedAt: booking.createdAt.toISOString(),
  }));
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  const checkedIn = confirmed.filter((b) => b.checkedInAt).length;
  const checkInOver = deps.clock.now().getTime() > session.endsAt.getTime() + CHECK_IN_TRAIL_MS;
  const [view] = await sessionViews(deps, [session], null);
  return {
    session: view!,
    counts: {
      confirmed: confirmed.length,
      waitlisted: waiting,
      checkedIn,
      noShows: checkInOver ? confirmed.length - checkedIn : 0,
      cancelled: bookings.length - confirmed.length - waiting,
    },
    entries,
  };
}

/** Years are counted in China Standard Time, the district's reporting year. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);

/**
 * "Families served": distinct accounts checked in at least once, per course and over the year.
 * A family that came to three courses counts once in the year's total.
 */
export async function familiesServed(deps: Deps, user: SessionUser, schoolId: string, year: number) {
  requireStaff(user);
  requireScope(user, 'school', schoolId);
  const school = oid(schoolId);
  const range = { $gte: yearStart(year), $lt: yearStart(year + 1) };
  const [checkIns, sessions, courses] = await Promise.all([
    Bookings(deps.connection).find({ schoolId: school, checkedInAt: range }, { pool: 1, holder: 1 }).lean(),
    Sessions(deps.connection).find({ schoolId: school, startsAt: range, status: 'scheduled' }, { courseId: 1 }).lean(),
    Courses(deps.connection).find({ schoolId: school }).sort({ title: 1 }).lean(),
  ]);
  const courseOfSession = new Map(sessions.map((s) => [s._id.toHexString(), s.courseId.toHexString()]));
  // A check-in of a session that started in another year (checked in just after midnight) still
  // needs its course; those few sessions are loaded separately.
  const missing = [...new Set(checkIns.map((b) => b.pool.toHexString()).filter((id) => !courseOfSession.has(id)))];
  if (missing.length > 0) {
    const others = await Sessions(deps.connection)
      .find({ _id: { $in: missing.map((id) => new Types.ObjectId(id)) } }, { courseId: 1 })
      .lean();
    for (const s of others) courseOfSession.set(s._id.toHexString(), s.courseId.toHexString());
  }

  const perCourse = new Map<string, { families: Set<string>; checkIns: number; sessions: number }>();
  const tally = (courseId: string) => {
    let entry = perCourse.get(courseId);
    if (!entry) perCourse.set(courseId, (entry = { families: new Set(), checkIns: 0, sessions: 0 }));
    return entry;
  };
  for (const s of sessions) tally(s.courseId.toHexString()).sessions += 1;
  const families = new Set<string>();
  for (const booking of checkIns) {
    const entry = tally(courseOfSession.get(booking.pool.toHexString()) ?? '');
    entry.checkIns += 1;
    entry.families.add(booking.holder.toHexString());
    families.add(booking.holder.toHexString());
  }
  return {
    schoolId,
    year,
    families: families.size,
    checkIns: checkIns.length,
    courses: courses.map((course) => {
      const entry = perCourse.get(course._id.toHexString());
      return {
        courseId: course._id.toHexString(),
        title: course.title,
        sessions: entry?.sessions ?? 0,
        families: entry?.families.size ?? 0,
        checkIns: entry?.checkIns ?? 0,
      };
    }),
  };
}
