import { z } from 'zod';
import { idParams, objectId } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { campaignView, totals } from './memorial';

/** 云祭扫 staff desk: the cemetery's day in figures, and running a campaign to its end. */

/** How far back the daily figures reach. */
export const FIGURES_DAYS_BACK = 366;

export const dailyFigures = z.strictObject({
  cemeteryId: objectId,
  /** The China-time calendar day counted. */
  date: z.iso.date(),
  /** Tributes left that day, by kind. */
  tributes: totals,
  /** That day's messages as they stand now: shown (approved or never held) and still held. */
  messages: z.strictObject({ approved: z.number().int(), held: z.number().int() }),
  /** Orders placed that day; completed and cancelled that day, whenever placed; revenue is the
   * price of the orders completed that day, in fen. */
  orders: z.strictObject({
    placed: z.number().int(),
    completed: z.number().int(),
    cancelled: z.number().int(),
    revenueFen: z.number().int(),
  }),
  /** Visits booked for that day's slots (still booked), how many of them came in, and persons. */
  visits: z.strictObject({
    booked: z.number().int(),
    checkedIn: z.number().int(),
    persons: z.number().int(),
    personsCheckedIn: z.number().int(),
  }),
});
export type DailyFigures = z.infer<typeof dailyFigures>;

const base = '/api/memorial';

export const memorialStaffApi = {
  staffDailyFigures: defineOperation({
    id: 'memorial.staffDailyFigures',
    method: 'GET',
    path: `${base}/staff/cemeteries/:id/figures`,
    summary:
      '今日数据: tributes, messages, service orders and visits of my cemetery on a China-time day (today by default)',
    access: 'staff',
    params: idParams,
    query: z.strictObject({ date: z.iso.date().optional() }),
    response: dailyFigures,
    problems: ['FIGURES_DATE_OUT_OF_RANGE'],
  }),
  staffEndCampaign: defineOperation({
    id: 'memorial.staffEndCampaign',
    method: 'POST',
    path: `${base}/staff/campaigns/:id/end`,
    summary:
      'End a campaign of my cemetery now; tributes from then on no longer count towards it. Ending twice is harmless',
    access: 'staff',
    params: idParams,
    response: campaignView,
  }),
} as const;

export const memorialStaffProblems = defineProblems({
  FIGURES_DATE_OUT_OF_RANGE: {
    status: 400,
    title: 'The day is in the future or more than a year back',
    zh: '只能查看今天及一年内的数据',
  },
});
