/**
 * How the foreign-object sweep reaches each route with a path parameter: who the stranger is
 * (another resident, or staff of another school / site / cemetery / hall), which of resident A's
 * or staff A's objects (`world.ids`) goes in the path, and a body the route would otherwise
 * accept, so the answer is about the object and not the input. A route whose object is public
 * by design says why instead. A route with a path parameter and no entry fails the sweep.
 */
type Ids = Record<string, string>;

export type ForeignFixture =
  | {
      as: 'resident' | 'staff';
      params: (ids: Ids) => Record<string, string>;
      body?: (ids: Ids) => unknown;
      query?: (ids: Ids) => string;
    }
  | { open: string };

const own = (kind: string) => (ids: Ids) => ({ id: ids[kind]! });
const resident = (kind: string, body?: (ids: Ids) => unknown): ForeignFixture => ({
  as: 'resident',
  params: own(kind),
  body,
});
const staff = (kind: string, body?: (ids: Ids) => unknown, query?: (ids: Ids) => string): ForeignFixture => ({
  as: 'staff',
  params: own(kind),
  body,
  query,
});
const byCode = (body?: (ids: Ids) => unknown): ForeignFixture => ({
  as: 'resident',
  params: (ids) => ({ code: ids.code! }),
  body,
});
const ADMIN = { open: 'admin only: an admin operates every account' };

export const foreignFixtures: Record<string, ForeignFixture> = {
  'accounts.grantStaffScope': ADMIN,
  'accounts.revokeStaffScope': ADMIN,

  'parent-school.getSession': { open: 'sessions are published for every parent' },
  'parent-school.getBooking': resident('booking'),
  'parent-school.getCheckInPass': resident('booking'),
  'parent-school.getBookingCalendar': resident('booking'),
  'parent-school.cancelBooking': resident('booking'),
  'parent-school.unsubscribe': resident('subscription'),
  'parent-school.updateVenue': staff('venue', () => ({ name: '西门广场' })),
  'parent-school.updateCourse': staff('course', () => ({ title: '换了的标题' })),
  'parent-school.updateSession': staff('session', () => ({ capacity: 60 })),
  'parent-school.cancelSession': staff('session', () => ({ reason: '天气原因' })),
  'parent-school.checkIn': staff('session', () => ({ code: '123456' })),
  'parent-school.roster': staff('session'),
  'parent-school.familiesServed': staff('school', undefined, () => '?year=2027'),

  'payments.getOrder': resident('paymentOrder'),
  'payments.startPayment': resident('paymentOrder'),
  'payments.confirmDevPayment': resident('paymentOrder'),
  'payments.statement': {
    as: 'staff',
    params: (ids) => ({ scope: `cemetery:${ids.cemetery}` }),
    query: () => '?date=2027-03-20',
  },

  'insurance.cancelFiling': resident('filing'),
  'insurance.confirmFamily': resident('family'),
  'insurance.unbindFamily': resident('family'),
  'insurance.sendImportChunk': staff('import', () => ({
    seq: 0,
    data: Buffer.from('idNumber,name\n').toString('base64'),
    last: true,
  })),

  'memorial.getMemorial': resident('memorial'),
  'memorial.openByCode': byCode(),
  'memorial.listMessages': byCode(),
  'memorial.payTribute': byCode(() => ({ kind: 'message', text: '清明安康' })),
  'memorial.inviteRelative': resident('memorial'),
  'memorial.listRelatives': resident('memorial'),
  'memorial.revokeRelative': { as: 'resident', params: (ids) => ({ id: ids.memorial!, relativeId: ids.relative! }) },
  'memorial.hideMessage': { as: 'resident', params: (ids) => ({ id: ids.memorial!, messageId: ids.message! }) },
  'memorial.getCampaign': { open: 'campaigns are public memorial events' },
  'memorial.reviewMemorial': staff('pendingMemorial', () => ({ decision: 'approve' })),
  'memorial.listPendingMemorials': staff('cemetery'),
  'memorial.listHeldMessages': staff('cemetery'),
  'memorial.reviewMessage': staff('heldMessage', () => ({ decision: 'approve' })),
  'memorial.listVisitSlots': { open: "a cemetery's visit slots are published for every visitor" },
  'memorial.bookVisit': { open: 'a published visit slot is open to every resident' },
  'memorial.cancelVisit': resident('visit'),
  'memorial.publishVisitSlot': staff('cemetery', () => ({
    startsAt: '2027-03-22T01:00:00Z',
    endsAt: '2027-03-22T03:00:00Z',
    capacity: 10,
  })),
  'memorial.listSlotVisits': staff('slot'),
  'memorial.checkInVisit': staff('cemetery', (ids) => ({ entryCode: ids.entryCode })),
  'memorial.listServicePackages': { open: "a cemetery's price list is public" },
  'memorial.placeServiceOrder': resident('memorial', (ids) => ({ packageId: ids.package, date: '2027-03-26' })),
  'memorial.getMyServiceOrder': resident('serviceOrder'),
  'memorial.cancelMyServiceOrder': resident('serviceOrder'),
  'memorial.staffListServiceOrders': staff('cemetery'),
  'memorial.staffAcceptServiceOrder': staff('serviceOrder'),
  'memorial.staffStartServiceOrder': staff('serviceOrder'),
  'memorial.staffCompleteServiceOrder': staff('serviceOrder', (ids) => ({ photos: [ids.upload] })),
  'memorial.staffCancelServiceOrder': staff('serviceOrder', () => ({ reason: '天气原因' })),
  'memorial.getMyDeathNotice': resident('deathNotice'),
  'memorial.withdrawMyDeathNotice': resident('deathNotice'),
  'memorial.agencyListDeathNotices': staff('cemetery'),
  'memorial.agencyGetDeathNotice': staff('deathNotice'),
  'memorial.agencyAcceptDeathNotice': staff('deathNotice', () => ({})),
  'memorial.agencyProgressDeathNotice': staff('deathNotice', () => ({ note: '已联系家属' })),
  'memorial.agencyCompleteDeathNotice': staff('deathNotice', () => ({})),
  'memorial.agencyCancelDeathNotice': staff('deathNotice', () => ({ note: '家属另有安排' })),
  'memorial.editMemorial': resident('memorial', () => ({ biography: '改过的生平。' })),
  'memorial.addGalleryPhotos': resident('memorial', (ids) => ({ photos: [ids.upload] })),
  'memorial.removeGalleryPhoto': { as: 'resident', params: (ids) => ({ id: ids.memorial!, photoId: ids.photo! }) },
  'memorial.getStoryDraft': resident('memorial'),
  'memorial.requestStoryDraft': resident('memorial', () => ({ facts: { hometown: '平阳县' } })),
  'memorial.saveStoryDraft': resident('memorial', () => ({ text: '改过的草稿。' })),
  'memorial.approveStoryDraft': resident('memorial', () => ({ text: '定稿。' })),
  'memorial.staffDailyFigures': staff('cemetery', undefined, () => '?date=2027-03-20'),
  'memorial.staffEndCampaign': staff('campaign'),

  'charging.getSite': { open: 'charging sites are public' },
  'charging.lookupPort': { open: 'a port code is printed on the port for anyone to scan' },
  'charging.cancel': resident('charge'),
  'charging.stop': resident('charge'),
  'charging.getCharge': resident('charge'),
  'charging.getReport': resident('report'),
  'charging.staffAssignReport': staff('report', () => ({})),
  'charging.staffResolveReport': staff('report', () => ({ note: '已处理' })),
  'charging.staffUpdateSite': staff('site', () => ({ name: '改名的充电站' })),
  'charging.staffListPorts': staff('site'),
  'charging.staffCreatePort': staff('site', () => ({ label: '2号' })),
  'charging.staffUpdatePort': staff('port', () => ({ label: '3号' })),
  'charging.staffResetDeviceSecret': staff('port'),
  'charging.staffPortQrPng': staff('port'),
  'charging.staffSiteQrPdf': staff('site'),
  'charging.staffSiteToday': staff('site'),

  'notifications.getNotification': resident('notification'),
  'notifications.markRead': resident('notification'),

  'uploads.get': resident('upload'),
};
