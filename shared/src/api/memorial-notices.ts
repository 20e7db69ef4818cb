import { z } from 'zod';
import { idParams, isoDateTime, multiLineText, objectId, singleLineText } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { staffStepsOf } from '../contract/staff-step';

/**
 * 在线报丧: a relative reports a death to the cemetery's agency team (代办员), who work it to the
 * end while the reporter watches the timeline. Only the reporter and that cemetery's agency
 * team (staff scope `agency:<cemeteryId>`) know a notice exists. The deceased's ID number is
 * taken once and never answered in full; the contact phone is shown whole only in the agency's
 * detail view, the one place a 代办员 needs to call from.
 */

export const deathNoticeState = z.enum(['submitted', 'accepted', 'in_progress', 'done', 'cancelled']);
export type DeathNoticeState = z.infer<typeof deathNoticeState>;

const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number');

export const deathNoticeStep = z.strictObject({
  state: deathNoticeState,
  at: isoDateTime,
  /** The agency team's note to the family; '' when none. */
  note: z.string(),
  by: z.enum(['reporter', 'agency']),
});

export const deathNoticeView = z.strictObject({
  id: objectId,
  cemetery: z.strictObject({ id: objectId, name: z.string() }),
  deceasedName: z.string(),
  /** `330102********1234`: the only form of the number any response carries. */
  maskedIdNumber: z.string(),
  deathDate: z.iso.date(),
  place: z.string(),
  relation: z.string(),
  /** Masked (`138****5678`) everywhere but the agency team's detail view. */
  contactPhone: z.string(),
  note: z.string(),
  state: deathNoticeState,
  timeline: z.array(deathNoticeStep),
  /** When the agency team first opened the notice; null until then. */
  seenAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type DeathNoticeView = z.infer<typeof deathNoticeView>;

const noticeList = z.strictObject({ items: z.array(deathNoticeView) });
const agencyNote = z.strictObject({ note: multiLineText(200).optional() });
const base = '/api/memorial';

const agencyStep = staffStepsOf(deathNoticeView);

export const memorialNoticesApi = {
  reportDeath: defineOperation({
    id: 'memorial.reportDeath',
    method: 'POST',
    path: `${base}/death-notices`,
    summary: 'Report a death to a cemetery’s agency team (在线报丧)',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: z.strictObject({
      cemeteryId: objectId,
      deceasedName: singleLineText(30),
      // Checked by the service, so a wrong number gets INVALID_ID_NUMBER, not a generic 400.
      idNumber: z.string().max(32),
      deathDate: z.iso.date(),
      place: singleLineText(100),
      relation: singleLineText(20),
      contactPhone: mobilePhone,
      note: multiLineText(200).optional(),
    }),
    response: deathNoticeView,
    problems: ['INVALID_ID_NUMBER', 'DEATH_DATE_OUT_OF_RANGE', 'DEATH_NOTICE_DUPLICATE', 'RATE_LIMITED'],
  }),
  listMyDeathNotices: defineOperation({
    id: 'memorial.listMyDeathNotices',
    method: 'GET',
    path: `${base}/me/death-notices`,
    summary: 'The death notices I reported, newest first',
    access: 'resident',
    response: noticeList,
  }),
  getMyDeathNotice: defineOperation({
    id: 'memorial.getMyDeathNotice',
    method: 'GET',
    path: `${base}/me/death-notices/:id`,
    summary: 'One of my death notices with its timeline',
    access: 'resident',
    params: idParams,
    response: deathNoticeView,
  }),
  withdrawMyDeathNotice: defineOperation({
    id: 'memorial.withdrawMyDeathNotice',
    method: 'POST',
    path: `${base}/me/death-notices/:id/withdraw`,
    summary: 'Withdraw my notice before the agency team accepts it',
    access: 'resident',
    params: idParams,
    response: deathNoticeView,
    problems: ['DEATH_NOTICE_STATE'],
  }),
  agencyListDeathNotices: defineOperation({
    id: 'memorial.agencyListDeathNotices',
    method: 'GET',
    path: `${base}/agency/cemeteries/:id/death-notices`,
    summary: 'Death notices of my cemetery in one state, oldest first (each read is audited)',
    access: 'staff',
    params: idParams,
    query: z.strictObject({ state: deathNoticeState.default('submitted') }),
    response: noticeList,
  }),
  agencyGetDeathNotice: defineOperation({
    id: 'memorial.agencyGetDeathNotice',
    method: 'GET',
    path: `${base}/agency/death-notices/:id`,
    summary: 'One notice of my cemetery with the contact phone in full (the read is audited)',
    access: 'staff',
    params: idParams,
    response: deathNoticeView,
  }),
  agencyAcceptDeathNotice: agencyStep({
    id: 'memorial.agencyAcceptDeathNotice',
    path: `${base}/agency/death-notices/:id/accept`,
    summary: 'Take a submitted notice on',
    body: agencyNote,
    problems: ['DEATH_NOTICE_STATE'],
  }),
  agencyProgressDeathNotice: agencyStep({
    id: 'memorial.agencyProgressDeathNotice',
    path: `${base}/agency/death-notices/:id/progress`,
    summary: 'Tell the family what has been done; the first note starts the work',
    body: z.strictObject({ note: multiLineText(200) }),
    problems: ['DEATH_NOTICE_STATE'],
  }),
  agencyCompleteDeathNotice: agencyStep({
    id: 'memorial.agencyCompleteDeathNotice',
    path: `${base}/agency/death-notices/:id/complete`,
    summary: 'Finish a notice that is accepted or in progress',
    body: agencyNote,
    problems: ['DEATH_NOTICE_STATE'],
  }),
  agencyCancelDeathNotice: agencyStep({
    id: 'memorial.agencyCancelDeathNotice',
    path: `${base}/agency/death-notices/:id/cancel`,
    summary: 'Close an unfinished notice with a reason (e.g. reported in error)',
    body: z.strictObject({ note: multiLineText(200) }),
    problems: ['DEATH_NOTICE_STATE'],
  }),
} as const;

export const memorialNoticesProblems = defineProblems({
  DEATH_DATE_OUT_OF_RANGE: {
    status: 400,
    title: 'The date of death is in the future, before 1900 or before the birth date in the ID number',
    zh: '去世日期有误：不能晚于今天，也不能早于出生日期或 1900 年',
  },
  DEATH_NOTICE_DUPLICATE: {
    status: 409,
    title: 'You already have an open notice for this person',
    zh: '您已为这位亲人报丧，请在“我的报丧”查看进度',
  },
  DEATH_NOTICE_STATE: { status: 409, title: 'The notice is no longer in that state', zh: '报丧状态已变化，请刷新' },
});
