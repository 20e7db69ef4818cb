/**
 * Fields that name another object by id (`schoolId`, `photos`, ...), keyed `operationId
 * where.field`: how stranger B, acting on B's own objects, points one at A's (`world.ids`).
 * The route must refuse it and change nothing. A reference to something public by design
 * (a published session, a cemetery, a charging site) says why instead. A field of this kind
 * with no entry fails the sweep.
 */
type Ids = Record<string, string>;

export type ReferenceFixture =
  | {
      as: 'resident' | 'staff';
      params?: (ids: Ids) => Record<string, string>;
      body?: (ids: Ids) => unknown;
      query?: (ids: Ids) => string;
    }
  | { open: string };

const PUBLIC_SESSION = { open: 'a published session is open to every parent' };
const PUBLIC_CEMETERY = { open: 'cemeteries are public; who may act there is checked on the object itself' };
const PUBLIC_SITE = { open: 'charging sites and their ports are public' };
const session = (ids: Ids) => ({
  courseId: ids.courseB,
  venueId: ids.venueB,
  startsAt: '2027-03-22T01:00:00Z',
  capacity: 5,
});

export const referenceFixtures: Record<string, ReferenceFixture> = {
  'accounts.auditLog query.actor': { open: 'admin only: an admin reads every account' },
  'accounts.auditLog query.subject': { open: 'admin only: an admin reads every account' },
  'parent-school.listCourses query.schoolId': { open: 'schools and their courses are published' },
  'parent-school.listSessions query.schoolId': PUBLIC_SESSION,
  'parent-school.listSessions query.venueId': PUBLIC_SESSION,
  'parent-school.listSessions query.courseId': PUBLIC_SESSION,
  'parent-school.book body.sessionId': PUBLIC_SESSION,
  'parent-school.subscribe body.targetId': { open: 'courses and venues are published for anyone to follow' },
  'parent-school.createVenue body.schoolId': {
    as: 'staff',
    body: (ids) => ({ schoolId: ids.school, name: '侧门', address: '越城区' }),
  },
  'parent-school.createCourse body.schoolId': {
    as: 'staff',
    body: (ids) => ({
      schoolId: ids.school,
      title: '别校的课',
      summary: '不该建成。',
      speaker: '某老师',
      durationMinutes: 20,
    }),
  },
  'parent-school.createSession body.courseId': {
    as: 'staff',
    body: (ids) => ({ ...session(ids), courseId: ids.course }),
  },
  'parent-school.createSession body.venueId': { as: 'staff', body: (ids) => ({ ...session(ids), venueId: ids.venue }) },
  'parent-school.updateSession body.venueId': {
    as: 'staff',
    params: (ids) => ({ id: ids.sessionB! }),
    body: (ids) => ({ venueId: ids.venue }),
  },
  'memorial.searchMemorials query.cemeteryId': {
    open: 'the public memorial search; family memorials never appear in it',
  },
  'memorial.createMemorial body.cemeteryId': PUBLIC_CEMETERY,
  'memorial.reportDeath body.cemeteryId': PUBLIC_CEMETERY,
  'memorial.createCampaign body.cemeteryId': {
    as: 'staff',
    body: (ids) => ({
      cemeteryId: ids.cemetery,
      name: '别园的活动',
      startsAt: '2027-03-19T00:00:00Z',
      endsAt: '2027-03-30T00:00:00Z',
    }),
  },
  'memorial.createCampaign body.memorialIds': {
    as: 'staff',
    body: (ids) => ({
      cemeteryId: ids.cemeteryB,
      name: '别园的纪念馆',
      startsAt: '2027-03-19T00:00:00Z',
      endsAt: '2027-03-30T00:00:00Z',
      memorialIds: [ids.memorial],
    }),
  },
  'memorial.placeServiceOrder body.packageId': {
    as: 'resident',
    params: (ids) => ({ id: ids.memorialB! }),
    body: (ids) => ({ packageId: ids.package, date: '2027-03-26' }),
  },
  'memorial.placeServiceOrder body.photos': {
    as: 'resident',
    params: (ids) => ({ id: ids.memorialB! }),
    body: (ids) => ({ packageId: ids.repairB, date: '2027-03-26', photos: [ids.upload] }),
  },
  'memorial.staffCompleteServiceOrder body.photos': {
    as: 'staff',
    params: (ids) => ({ id: ids.serviceOrderB! }),
    body: (ids) => ({ photos: [ids.upload] }),
  },
  'memorial.editMemorial body.portrait': {
    as: 'resident',
    params: (ids) => ({ id: ids.memorialB! }),
    body: (ids) => ({ portrait: ids.upload }),
  },
  'memorial.addGalleryPhotos body.photos': {
    as: 'resident',
    params: (ids) => ({ id: ids.memorialB! }),
    body: (ids) => ({ photos: [ids.upload] }),
  },
  'charging.reserve body.siteId': PUBLIC_SITE,
  'charging.reserve body.portId': PUBLIC_SITE,
  'charging.createReport body.siteId': PUBLIC_SITE,
  'charging.createReport body.photoIds': {
    as: 'resident',
    body: (ids) => ({
      siteId: ids.siteB,
      kind: 'other',
      place: '车棚',
      description: '别人的照片。',
      photoIds: [ids.upload],
    }),
  },
  'charging.staffListReports query.siteId': { as: 'staff', query: (ids) => `?siteId=${ids.site}` },
  'charging.staffAssignReport body.assigneeId': {
    as: 'staff',
    params: (ids) => ({ id: ids.reportB! }),
    body: (ids) => ({ assigneeId: ids.accountA }),
  },
  'charging.staffResolveReport body.photoId': {
    as: 'staff',
    params: (ids) => ({ id: ids.reportB! }),
    body: (ids) => ({ note: '别人的照片', photoId: ids.upload }),
  },
};
