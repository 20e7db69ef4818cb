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

/** 云祭扫: memorial pages opened from a grave's QR code, free tributes, martyrs' campaigns. */

/** What a grave's QR code carries: ten characters from an alphabet without look-alikes, about 50
 * random bits, so codes cannot be walked the way database ids can. */
export const MEMORIAL_CODE_LENGTH = 10;
export const MEMORIAL_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const memorialCode = z.string().regex(/^[2-9a-hjkmnp-z]{10}$/, 'must be a memorial code');

export const visibility = z.enum(['public', 'family', 'link']);
export const tributeKind = z.enum(['flower', 'candle', 'incense', 'message']);
export const messageStatus = z.enum(['shown', 'held', 'hidden', 'rejected']);

/** A calendar date, as graves carry them. */
const calendarDate = z.iso.date().refine((value) => value >= '1800-01-01' && value <= '2100-12-31', 'out of range');

export const totals = z.strictObject({
  flower: z.number().int(),
  candle: z.number().int(),
  incense: z.number().int(),
  message: z.number().int(),
  all: z.number().int(),
});

export const cemeteryView = z.strictObject({
  id: objectId,
  name: z.string(),
  address: z.string(),
});

export const plot = z.strictObject({
  area: singleLineText(20),
  row: singleLineText(10),
  number: singleLineText(10),
  /** 从东门进，沿主道右手第三排: how to find the grave on foot. */
  wayfinding: multiLineText(200).optional(),
});

export const memorialSummary = z.strictObject({
  id: objectId,
  code: memorialCode,
  name: z.string(),
  birthDate: z.string(),
  deathDate: z.string(),
  cemetery: cemeteryView,
  portraitUrl: z.string().nullable(),
});

export const memorialView = memorialSummary.extend({
  status: z.enum(['pending', 'approved', 'rejected']),
  visibility,
  biography: z.string(),
  /** Upload URLs, in the order the owner added them. */
  gallery: z.array(z.string()),
  plot,
  totals,
  /** Whether the caller owns the memorial (may invite, revoke and hide messages). */
  mine: z.boolean(),
});
export type MemorialView = z.infer<typeof memorialView>;

export const messageView = z.strictObject({
  id: objectId,
  text: z.string(),
  /** `held` only ever reaches its author and staff; `hidden` only the owner. */
  status: messageStatus,
  createdAt: isoDateTime,
  mine: z.boolean(),
});

export const tributeView = z.strictObject({
  id: objectId,
  kind: tributeKind,
  message: messageView.nullable(),
  createdAt: isoDateTime,
});

export const relativeView = z.strictObject({ id: objectId, accountId: objectId, joinedAt: isoDateTime });

export const campaignView = z.strictObject({
  id: objectId,
  cemeteryId: objectId,
  name: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** Empty: every public memorial of the cemetery counts. */
  memorialIds: z.array(objectId),
  totals,
  latestMessages: z.array(messageView),
});
export type CampaignView = z.infer<typeof campaignView>;

const memorialBody = z
  .strictObject({
    cemeteryId: objectId,
    name: singleLineText(30),
    birthDate: calendarDate,
    deathDate: calendarDate,
    portraitUrl: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
    biography: multiLineText(5000).optional(),
    plot,
    visibility,
    /** How the creator is related, and the plot certificate the cemetery checks before approving. */
    relation: singleLineText(20),
    certificateNumber: singleLineText(40),
  })
  .refine((body) => body.deathDate >= body.birthDate, { message: 'death before birth', path: ['deathDate'] });

const tributeBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['flower', 'candle', 'incense']) }),
  z.strictObject({ kind: z.literal('message'), text: multiLineText(500) }),
]);

/** What the gate reads off a visitor's phone: eight characters of the memorial alphabet, about
 * 40 random bits; only the cemetery's staff can look one up, so it need not be longer to type. */
export const ENTRY_CODE_LENGTH = 8;
export const entryCode = z.string().regex(/^[2-9a-hjkmnp-z]{8}$/, 'must be an entry code');
/** Shanghai's peak-day rule: a booking names at most four people coming along. */
export const MAX_COMPANIONS = 4;

export const visitSlotView = z.strictObject({
  id: objectId,
  cemeteryId: objectId,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** In persons, like `booked`. */
  capacity: z.number().int(),
  booked: z.number().int(),
  placesLeft: z.number().int(),
});

const visitStatus = z.enum(['confirmed', 'cancelled']);

export const visitView = z.strictObject({
  id: objectId,
  slot: visitSlotView,
  /** The visitor and their companions. */
  places: z.number().int(),
  companions: z.array(z.string()),
  entryCode,
  status: visitStatus,
  checkedInAt: isoDateTime.nullable(),
});
export type VisitView = z.infer<typeof visitView>;

/** What the gate sees: companions' names masked (林**), nothing else about the family. */
export const staffVisitView = z.strictObject({
  id: objectId,
  slotId: objectId,
  slotStartsAt: isoDateTime,
  places: z.number().int(),
  companions: z.array(z.string()),
  entryCode,
  status: visitStatus,
  checkedInAt: isoDateTime.nullable(),
});

/** A plot found by 墓穴信息 lookup: where the grave is, and the code that opens its memorial. */
export const graveView = memorialSummary.extend({ plot });

/** By the plot certificate (whoever holds it is family), or by name, with the death date to reach
 * the family memorials the caller belongs to; without either only public memorials match. */
const graveQuery = z
  .strictObject({
    certificateNumber: singleLineText(40).optional(),
    name: singleLineText(30).optional(),
    deathDate: calendarDate.optional(),
  })
  .refine((query) => (query.certificateNumber === undefined) !== (query.name === undefined), {
    message: 'give either certificateNumber or name',
    path: ['certificateNumber'],
  })
  .refine((query) => query.certificateNumber === undefined || query.deathDate === undefined, {
    message: 'deathDate goes with name',
    path: ['deathDate'],
  });

const codeParams = z.strictObject({ code: memorialCode });
const review = z.strictObject({ decision: z.enum(['approve', 'reject']) });

const base = '/api/memorial';

export const memorialApi = {
  listCemeteries: defineOperation({
    id: 'memorial.listCemeteries',
    method: 'GET',
    path: `${base}/cemeteries`,
    summary: 'Cemeteries on the platform',
    access: 'public',
    response: z.strictObject({ items: z.array(cemeteryView) }),
  }),
  searchMemorials: defineOperation({
    id: 'memorial.searchMemorials',
    method: 'GET',
    path: `${base}/memorials`,
    summary: 'Public (martyrs’) memorials, newest first, optionally those whose name contains q',
    access: 'public',
    query: pageQuery.extend({ q: singleLineText(20).optional(), cemeteryId: objectId.optional() }),
    response: page(memorialSummary),
  }),
  findGraves: defineOperation({
    id: 'memorial.findGraves',
    method: 'GET',
    path: `${base}/graves`,
    summary:
      '墓穴信息: plots by certificate number (signed in, rate-limited), or by name and death date among public memorials and those I belong to',
    access: 'optional',
    query: graveQuery,
    response: z.strictObject({ items: z.array(graveView) }),
  }),
  getMemorial: defineOperation({
    id: 'memorial.getMemorial',
    method: 'GET',
    path: `${base}/memorials/:id`,
    summary: 'A public memorial, or one I own or was invited to',
    access: 'optional',
    params: idParams,
    response: memorialView,
  }),
  openByCode: defineOperation({
    id: 'memorial.openByCode',
    method: 'GET',
    path: `${base}/codes/:code`,
    summary: 'The memorial a grave’s QR code names, if the caller may see it',
    access: 'optional',
    params: codeParams,
    response: memorialView,
  }),
  listMessages: defineOperation({
    id: 'memorial.listMessages',
    method: 'GET',
    path: `${base}/codes/:code/messages`,
    summary: 'Messages left on a memorial, newest first: approved ones, plus my own held ones',
    access: 'optional',
    params: codeParams,
    query: pageQuery,
    response: page(messageView),
  }),
  payTribute: defineOperation({
    id: 'memorial.payTribute',
    method: 'POST',
    path: `${base}/codes/:code/tributes`,
    summary: 'Leave a flower, candle, incense or message; free, rate-limited per resident',
    access: 'resident',
    idempotent: true,
    status: 201,
    params: codeParams,
    body: tributeBody,
    response: tributeView,
  }),
  createMemorial: defineOperation({
    id: 'memorial.createMemorial',
    method: 'POST',
    path: `${base}/memorials`,
    summary: 'A relative creates a memorial; nothing is visible until cemetery staff approve it',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: memorialBody,
    response: memorialView,
  }),
  listMyMemorials: defineOperation({
    id: 'memorial.listMyMemorials',
    method: 'GET',
    path: `${base}/me/memorials`,
    summary: '我的纪念馆: memorials I own or was invited to',
    access: 'resident',
    response: z.strictObject({ items: z.array(memorialView) }),
  }),
  inviteRelative: defineOperation({
    id: 'memorial.inviteRelative',
    method: 'POST',
    path: `${base}/memorials/:id/invites`,
    summary: 'A one-use invite code for a relative, valid for seven days',
    access: 'resident',
    status: 201,
    params: idParams,
    response: z.strictObject({ code: z.string(), expiresAt: isoDateTime }),
  }),
  acceptInvite: defineOperation({
    id: 'memorial.acceptInvite',
    method: 'POST',
    path: `${base}/invites/accept`,
    summary: 'Join a family memorial with the code its owner gave me',
    access: 'resident',
    body: z.strictObject({ code: z.string().regex(/^[2-9a-hjkmnp-z]{12}$/, 'must be an invite code') }),
    response: memorialView,
    problems: ['INVITE_INVALID'],
  }),
  listRelatives: defineOperation({
    id: 'memorial.listRelatives',
    method: 'GET',
    path: `${base}/memorials/:id/relatives`,
    summary: 'Relatives invited to my memorial',
    access: 'resident',
    params: idParams,
    response: z.strictObject({ items: z.array(relativeView) }),
  }),
  revokeRelative: defineOperation({
    id: 'memorial.revokeRelative',
    method: 'DELETE',
    path: `${base}/memorials/:id/relatives/:relativeId`,
    summary: 'Withdraw a relative’s access; they get 404 from then on',
    access: 'resident',
    params: z.strictObject({ id: objectId, relativeId: objectId }),
    response: ok,
  }),
  hideMessage: defineOperation({
    id: 'memorial.hideMessage',
    method: 'POST',
    path: `${base}/memorials/:id/messages/:messageId/hide`,
    summary: 'The owner hides a message on their memorial',
    access: 'resident',
    params: z.strictObject({ id: objectId, messageId: objectId }),
    response: messageView,
  }),
  listCampaigns: defineOperation({
    id: 'memorial.listCampaigns',
    method: 'GET',
    path: `${base}/campaigns`,
    summary: 'Tribute campaigns (清明, 烈士纪念日) with their live totals',
    access: 'public',
    response: z.strictObject({ items: z.array(campaignView) }),
  }),
  getCampaign: defineOperation({
    id: 'memorial.getCampaign',
    method: 'GET',
    path: `${base}/campaigns/:id`,
    summary: 'One campaign, its live total and latest messages',
    access: 'public',
    params: idParams,
    response: campaignView,
  }),

  reviewMemorial: defineOperation({
    id: 'memorial.reviewMemorial',
    method: 'POST',
    path: `${base}/staff/memorials/:id/review`,
    summary: 'Cemetery staff approve or reject a memorial after checking the plot certificate',
    access: 'staff',
    params: idParams,
    body: review,
    response: memorialView,
    problems: ['MEMORIAL_NOT_PENDING'],
  }),
  listPendingMemorials: defineOperation({
    id: 'memorial.listPendingMemorials',
    method: 'GET',
    path: `${base}/staff/cemeteries/:id/pending-memorials`,
    summary: 'Memorials of my cemetery awaiting review, oldest first, with the relation and certificate to check',
    access: 'staff',
    params: idParams,
    response: z.strictObject({
      items: z.array(memorialView.extend({ relation: z.string(), certificateNumber: z.string() })),
    }),
  }),
  listHeldMessages: defineOperation({
    id: 'memorial.listHeldMessages',
    method: 'GET',
    path: `${base}/staff/cemeteries/:id/held-messages`,
    summary: 'Messages held by the word filter on my cemetery’s memorials, oldest first',
    access: 'staff',
    params: idParams,
    response: z.strictObject({ items: z.array(messageView.extend({ memorialId: objectId })) }),
  }),
  reviewMessage: defineOperation({
    id: 'memorial.reviewMessage',
    method: 'POST',
    path: `${base}/staff/messages/:id/review`,
    summary: 'Approve (show) or reject a held message',
    access: 'staff',
    params: idParams,
    body: review,
    response: messageView,
    problems: ['MESSAGE_NOT_HELD'],
  }),
  createCampaign: defineOperation({
    id: 'memorial.createCampaign',
    method: 'POST',
    path: `${base}/staff/campaigns`,
    summary: 'Run a campaign counting tributes on my cemetery’s public memorials in a window',
    access: 'staff',
    idempotent: true,
    status: 201,
    body: z
      .strictObject({
        cemeteryId: objectId,
        name: singleLineText(40),
        startsAt: isoDateTime,
        endsAt: isoDateTime,
        /** Only these public memorials count; without them, all of the cemetery's public ones. */
        memorialIds: z.array(objectId).min(1).max(100).optional(),
      })
      .refine((body) => body.endsAt > body.startsAt, { message: 'ends before it starts', path: ['endsAt'] }),
    response: campaignView,
    problems: ['CAMPAIGN_MEMORIAL_UNKNOWN'],
  }),

  listVisitSlots: defineOperation({
    id: 'memorial.listVisitSlots',
    method: 'GET',
    path: `${base}/cemeteries/:id/visit-slots`,
    summary: 'Peak-day visit slots of a cemetery that have not ended, earliest first, with places left',
    access: 'public',
    params: idParams,
    response: z.strictObject({ items: z.array(visitSlotView) }),
  }),
  bookVisit: defineOperation({
    id: 'memorial.bookVisit',
    method: 'POST',
    path: `${base}/visit-slots/:id/visits`,
    summary: 'Book an on-site visit for me and up to four companions; all of us or none',
    access: 'resident',
    idempotent: true,
    status: 201,
    params: idParams,
    body: z.strictObject({ companions: z.array(singleLineText(20)).max(MAX_COMPANIONS) }),
    response: visitView,
    problems: ['VISIT_SLOT_FULL', 'VISIT_SLOT_STARTED', 'VISIT_ALREADY_BOOKED'],
  }),
  listMyVisits: defineOperation({
    id: 'memorial.listMyVisits',
    method: 'GET',
    path: `${base}/me/visits`,
    summary: 'My visit bookings, latest slot first',
    access: 'resident',
    response: z.strictObject({ items: z.array(visitView) }),
  }),
  cancelVisit: defineOperation({
    id: 'memorial.cancelVisit',
    method: 'POST',
    path: `${base}/me/visits/:id/cancel`,
    summary: 'Cancel my visit before its slot starts; its places are free again. Cancelling twice is harmless',
    access: 'resident',
    params: idParams,
    response: visitView,
    problems: ['VISIT_SLOT_STARTED', 'ALREADY_CHECKED_IN'],
  }),
  publishVisitSlot: defineOperation({
    id: 'memorial.publishVisitSlot',
    method: 'POST',
    path: `${base}/staff/cemeteries/:id/visit-slots`,
    summary: 'Publish a visit slot of my cemetery with a capacity in persons',
    access: 'staff',
    idempotent: true,
    status: 201,
    params: idParams,
    body: z
      .strictObject({ startsAt: isoDateTime, endsAt: isoDateTime, capacity: z.number().int().min(1).max(10_000) })
      .refine((body) => body.endsAt > body.startsAt, { message: 'ends before it starts', path: ['endsAt'] })
      .refine((body) => Date.parse(body.endsAt) - Date.parse(body.startsAt) <= 12 * 3_600_000, {
        message: 'longer than a day’s opening',
        path: ['endsAt'],
      }),
    response: visitSlotView,
    problems: ['VISIT_SLOT_STARTED'],
  }),
  listSlotVisits: defineOperation({
    id: 'memorial.listSlotVisits',
    method: 'GET',
    path: `${base}/staff/visit-slots/:id/visits`,
    summary: 'The visits booked in a slot of my cemetery, companions masked',
    access: 'staff',
    params: idParams,
    response: z.strictObject({ slot: visitSlotView, items: z.array(staffVisitView) }),
  }),
  checkInVisit: defineOperation({
    id: 'memorial.checkInVisit',
    method: 'POST',
    path: `${base}/staff/cemeteries/:id/check-ins`,
    summary: 'Let a visit in at the gate by its entry code, once',
    access: 'staff',
    params: idParams,
    body: z.strictObject({ entryCode }),
    response: staffVisitView,
    problems: ['ALREADY_CHECKED_IN', 'BOOKING_CANCELLED'],
  }),
} as const;

export const memorialProblems = defineProblems({
  MEMORIAL_NOT_PENDING: { status: 409, title: 'The memorial is not awaiting review', zh: '该纪念馆已审核过' },
  MESSAGE_NOT_HELD: { status: 409, title: 'The message is not awaiting review', zh: '该留言不在待审核状态' },
  VISIT_SLOT_FULL: { status: 409, title: 'Not enough places left in this slot', zh: '该时段余量不足，请换一个时段' },
  VISIT_SLOT_STARTED: { status: 409, title: 'The slot has already started', zh: '该时段已开始，无法预约或取消' },
  VISIT_ALREADY_BOOKED: { status: 409, title: 'You already hold a visit in this slot', zh: '您已预约过该时段' },
  CAMPAIGN_MEMORIAL_UNKNOWN: {
    status: 400,
    title: 'A named memorial is not a public memorial of this cemetery',
    zh: '所选纪念馆不是本园的公开纪念馆',
  },
  INVITE_INVALID: { status: 404, title: 'Unknown or expired invite code', zh: '邀请码无效或已过期' },
});
