import type { parentSchoolApi } from '@warmcity/shared/api/parent-school';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff, scopeIds } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Courses } from './course.model';
import { forgetReferences } from './references';
import { Schools } from './school.model';
import { Venues } from './venue.model';
import { courseView, schoolView, venueView } from './views';

type Api = typeof parentSchoolApi;

export async function listSchools(deps: Deps) {
  const [schools, venues] = await Promise.all([
    Schools(deps.connection).find().sort({ name: 1 }).lean(),
    Venues(deps.connection).find().sort({ name: 1 }).lean(),
  ]);
  return {
    items: schools.map((school) => ({
      ...schoolView(school),
      venues: venues.filter((venue) => venue.schoolId.equals(school._id)).map(venueView),
    })),
  };
}

export async function listCourses(deps: Deps, query: { schoolId?: string | undefined }) {
  const filter = query.schoolId ? { schoolId: oid(query.schoolId) } : {};
  const courses = await Courses(deps.connection).find(filter).sort({ schoolId: 1, title: 1 }).lean();
  return { items: courses.map(courseView) };
}

export async function staffSchools(deps: Deps, user: SessionUser) {
  requireStaff(user);
  const filter = user.roles.includes('admin') ? {} : { _id: { $in: scopeIds(user, 'school').map(oid) } };
  const schools = await Schools(deps.connection).find(filter).sort({ name: 1 }).lean();
  return { items: schools.map(schoolView) };
}

export async function createVenue(deps: Deps, user: SessionUser, body: Body<Api['createVenue']>) {
  requireStaff(user);
  requireScope(user, 'school', body.schoolId);
  if (!(await Schools(deps.connection).exists({ _id: oid(body.schoolId) }))) throw problem('NOT_FOUND');
  const venue = await Venues(deps.connection).create({ ...body, schoolId: oid(body.schoolId) });
  forgetReferences();
  return venueView(venue.toObject());
}

export async function updateVenue(deps: Deps, user: SessionUser, id: string, body: Body<Api['updateVenue']>) {
  requireStaff(user);
  const venues = Venues(deps.connection);
  const venue = await venues.findById(oid(id)).lean();
  if (!venue) throw problem('NOT_FOUND');
  requireScope(user, 'school', venue.schoolId);
  const updated = await venues.findOneAndUpdate({ _id: venue._id }, { $set: body }, { returnDocument: 'after' }).lean();
  forgetReferences();
  if (!updated) throw problem('NOT_FOUND');
  return venueView(updated);
}

export async function createCourse(deps: Deps, user: SessionUser, body: Body<Api['createCourse']>) {
  requireStaff(user);
  requireScope(user, 'school', body.schoolId);
  if (!(await Schools(deps.connection).exists({ _id: oid(body.schoolId) }))) throw problem('NOT_FOUND');
  const course = await Courses(deps.connection).create({ ...body, schoolId: oid(body.schoolId) });
  forgetReferences();
  return courseView(course.toObject());
}

export async function updateCourse(deps: Deps, user: SessionUser, id: string, body: Body<Api['updateCourse']>) {
  requireStaff(user);
  const courses = Courses(deps.connection);
  const course = await courses.findById(oid(id)).lean();
  if (!course) throw problem('NOT_FOUND');
  requireScope(user, 'school', course.schoolId);
  const updated = await courses
    .findOneAndUpdate({ _id: course._id }, { $set: body }, { returnDocument: 'after' })
    .lean();
  forgetReferences();
  if (!updated) throw problem('NOT_FOUND');
  return courseView(updated);
}
