import { z } from 'zod';
import {
  filingKinds,
  insuranceStatuses,
  insuranceTypes,
  isoDate,
  maternityStages,
  period,
} from '@warmcity/shared/api/insurance';
import { isoDateTime } from '@warmcity/shared/contract/common';
import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import { chinaDate } from './china-time';

// CSV gives every field as text; JSON lines may give numbers. Both land on the same schemas.
const fen = z.coerce.number().int().nonnegative().max(100_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);
const idNumber = z
  .string()
  .transform(normaliseIdNumber)
  .refine((value) => checkIdNumber(value) === null, 'not a valid identity number');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), schema.nullable());

/** One row of each import kind, as the insurance system exports it. Unknown columns are refused
 * so a misnamed column cannot silently drop data. */
export const importRows = {
  persons: z.strictObject({
    idNumber,
    name: text(40),
    insuranceType: z.enum(insuranceTypes),
    status: z.enum(insuranceStatuses),
    region: text(40),
    since: isoDate,
  }),
  contributions: z.strictObject({
    idNumber,
    period,
    baseFen: fen,
    employerFen: fen,
    personalFen: fen,
    status: z.enum(['paid', 'arrears']),
  }),
  'maternity-stages': z.strictObject({
    idNumber,
    caseNo: text(40),
    stage: z.enum(maternityStages),
    at: isoDateTime,
    amountFen: optional(fen),
    days: optional(z.coerce.number().int().positive().max(365)),
    rule: optional(text(200)),
    paidToKind: optional(z.enum(['employer', 'personal'])),
    paidToMaskedAccount: optional(text(40).refine((value) => !/\d{8}/.test(value), 'the account must be masked')),
  }),
  filings: z.strictObject({
    idNumber,
    filingNo: z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character hex id'),
    destination: text(60),
    kind: z.enum(filingKinds),
    validFrom: isoDate,
    validTo: isoDate,
    filedAt: isoDateTime,
    cancelledAt: optional(isoDateTime),
  }),
  // 门诊慢特病 certifications; a renewed one comes again with its new date.
  chronic: z.strictObject({
    idNumber,
    disease: text(40),
    validUntil: isoDate,
  }),
} as const;

export type ImportKind = keyof typeof importRows;
export type ImportRow<K extends ImportKind> = z.output<(typeof importRows)[K]>;
export const importKinds = Object.keys(importRows) as ImportKind[];

// The insurance system's clock and ours may differ a little; a stage stamped minutes ahead of
// our "now" is one that just happened, not a made-up future.
const CLOCK_SKEW_MS = 10 * 60_000;
const after = (instant: string | null, now: Date) =>
  instant !== null && Date.parse(instant) > now.getTime() + CLOCK_SKEW_MS;

/** A contribution's month that no record can hold yet: one not begun, unless paid in advance for
 * at most next year (居民医保 is paid in the autumn for the year that starts in January); no
 * month can be in arrears before it begins. */
function monthAhead(row: ImportRow<'contributions'>, now: Date): boolean {
  const today = chinaDate(now);
  if (row.period <= today.slice(0, 7)) return false;
  return row.status !== 'paid' || row.period > `${Number(today.slice(0, 4)) + 1}-12`;
}

/** The field of a row that names a time still to come (a month not begun, a stage not yet
 * happened), which no record of the insurance system can hold; null when there is none. What is
 * meant to lie ahead is not checked: a validity's end, or a person's `since`. */
export const inTheFuture: { [K in ImportKind]: (row: ImportRow<K>, now: Date) => string | null } = {
  persons: () => null,
  contributions: (row, now) => (monthAhead(row, now) ? 'period' : null),
  'maternity-stages': (row, now) => (after(row.at, now) ? 'at' : null),
  filings: (row, now) => (after(row.filedAt, now) ? 'filedAt' : after(row.cancelledAt, now) ? 'cancelledAt' : null),
  chronic: () => null,
};
