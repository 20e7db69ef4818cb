import { z } from 'zod';
import { idParams, isoDateTime, objectId, ok, singleLineText } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';

/** 医保查询: my insurance, contributions, maternity allowance, 异地就医备案, 家庭共济, 门诊慢特病,
 * 百问百答 and service halls. Everything personal is shown masked and read only after 实名. */

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1950-01-01';
  }, 'must be a real date from 1950 on');

/** A contribution month, `YYYY-MM`. */
export const period = z.string().regex(/^(19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

export const insuranceTypes = ['employee', 'resident'] as const;
export const insuranceStatuses = ['active', 'suspended', 'terminated'] as const;
export const maternityStages = ['registered', 'discharged', 'pushed', 'reviewed', 'paid'] as const;
export const filingKinds = ['long-term-residence', 'temporary-travel', 'referral'] as const;
export const relations = ['spouse', 'child', 'parent'] as const;

/** The longest a filing of each kind may run, in days (长期居住 is open-ended in policy; we cap it
 * so a typo of a year cannot file a century). */
export const FILING_MAX_DAYS: Record<(typeof filingKinds)[number], number> = {
  'long-term-residence': 3650,
  'temporary-travel': 180,
  referral: 90,
};

export const insuredPersonView = z.strictObject({
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  insuranceType: z.enum(insuranceTypes),
  status: z.enum(insuranceStatuses),
  region: z.string(),
  since: isoDate,
});

const fen = z.number().int().nonnegative();

export const contributionView = z.strictObject({
  period,
  baseFen: fen,
  employerFen: fen,
  personalFen: fen,
  status: z.enum(['paid', 'arrears']),
});

export const contributionTotals = z.strictObject({
  employerFen: fen,
  personalFen: fen,
  paidFen: fen,
  paidMonths: z.number().int(),
  arrearsMonths: z.number().int(),
  arrearsFen: fen,
});

export const arrearsView = z.strictObject({
  periods: z.array(period),
  amountFen: fen,
  /** What to do, in plain words; null when nothing is owed. */
  advice: z.string().nullable(),
});

export const summaryView = z.strictObject({
  person: insuredPersonView,
  thisYear: contributionTotals.extend({ year: z.number().int() }),
  arrears: arrearsView,
});

export const maternityStageView = z.strictObject({ stage: z.enum(maternityStages), at: isoDateTime });

export const maternityCaseView = z.strictObject({
  id: objectId,
  stages: z.array(maternityStageView),
  /** The next stage, or null once paid. */
  nextStage: z.enum(maternityStages).nullable(),
  amountFen: fen.nullable(),
  days: z.number().int().positive().nullable(),
  rule: z.string().nullable(),
  paidTo: z.strictObject({ kind: z.enum(['employer', 'personal']), maskedAccount: z.string() }).nullable(),
});

export const filingView = z.strictObject({
  id: objectId,
  destination: z.string(),
  kind: z.enum(filingKinds),
  validFrom: isoDate,
  validTo: isoDate,
  status: z.enum(['active', 'cancelled']),
  filedAt: isoDateTime,
  cancelledAt: isoDateTime.nullable(),
});

export const filingBody = z.strictObject({
  destination: singleLineText(60),
  kind: z.enum(filingKinds),
  validFrom: isoDate,
  validTo: isoDate,
});

export const familyLinkView = z.strictObject({
  id: objectId,
  /** Whether I own the account (and the other person is my relative) or am the relative. */
  role: z.enum(['owner', 'relative']),
  relation: z.enum(relations),
  status: z.enum(['pending', 'bound']),
  /** The other person, masked. */
  otherMaskedName: z.string(),
  otherMaskedIdNumber: z.string(),
  /** Shown to the relative: the shared account's holder may pay for them. Nothing else. */
  sharedAccount: z.strictObject({ insuranceType: z.enum(insuranceTypes), status: z.enum(insuranceStatuses) }),
  requestedAt: isoDateTime,
  confirmedAt: isoDateTime.nullable(),
});

export const familyAskBody = z.strictObject({
  relation: z.enum(relations),
  name: singleLineText(40),
  idNumber: z.string().trim().max(18),
});

export const chronicView = z.strictObject({ disease: z.string(), validUntil: isoDate, valid: z.boolean() });

export const faqView = z.strictObject({
  id: objectId,
  question: z.string(),
  answer: z.string(),
  category: z.string(),
  score: z.number(),
});

export const hallView = z.strictObject({
  id: objectId,
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  mapUrl: z.string(),
  lunchtimeService: z.boolean(),
  saturdayService: z.boolean(),
  /** Today's opening, China time, `HH:MM-HH:MM`; empty when closed all day. */
  todayHours: z.array(z.string()),
  openNow: z.boolean(),
  /** Why today differs from the week's pattern, e.g. a holiday; null on an ordinary day. */
  todayNote: z.string().nullable(),
  phoneMatters: z.array(z.string()),
});

/** Why a clerk looks a person up: one of these, and a note in their own words. */
export const staffPurposes = [
  'counter-service',
  'phone-service',
  'maternity-review',
  'filing-review',
  'complaint',
] as const;

export const staffPurpose = z.strictObject({ code: z.enum(staffPurposes), note: singleLineText(100) });

export const accessLogEntry = z.strictObject({
  at: isoDateTime,
  /** Who viewed it: me, a staff member (with the stated purpose), or the system. */
  viewer: z.enum(['self', 'staff', 'system']),
  action: z.string(),
  /** The purpose a staff member stated; null for my own reads and the system's. */
  purpose: staffPurpose.nullable(),
});

export const staffLookupBody = z.strictObject({
  idNumber: z.string().trim().max(18),
  purpose: staffPurpose,
});

/** What a clerk of the person's region sees: the summary, this year's months, maternity, filings. */
export const staffPersonView = summaryView.extend({
  contributions: z.array(contributionView),
  maternity: z.array(maternityCaseView),
  filings: z.array(filingView),
});

export const importKinds = ['persons', 'contributions', 'maternity-stages', 'filings', 'chronic'] as const;

/** The largest piece of a batch file one request carries, before base64: the BFF's JSON body
 * limit is 100 kB, and base64 adds a third. */
export const IMPORT_CHUNK_BYTES = 60_000;

export const importStartBody = z.strictObject({
  kind: z.enum(importKinds),
  format: z.enum(['csv', 'jsonl']),
  /** The whole file's size, for the progress bar and to refuse a file too large before it is sent. */
  totalBytes: z
    .number()
    .int()
    .positive()
    .max(512 * 1024 * 1024),
});

export const importChunkBody = z.strictObject({
  /** 0, 1, 2, … in file order; a chunk already taken is answered again, not applied twice. */
  seq: z.number().int().nonnegative(),
  /** Whole lines of the file (cut after a newline), base64. */
  data: z
    .base64()
    .min(4)
    .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4),
  last: z.boolean(),
});

export const importJobView = z.strictObject({
  id: objectId,
  kind: z.enum(importKinds),
  format: z.enum(['csv', 'jsonl']),
  /** As detected on the file: GBK, UTF-8 or UTF-8 with a BOM; null before the first chunk. */
  encoding: z.enum(['utf-8', 'utf-8-bom', 'gbk']).nullable(),
  totalBytes: z.number().int(),
  receivedBytes: z.number().int(),
  nextSeq: z.number().int(),
  done: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  upserted: z.number().int(),
  modified: z.number().int(),
  /** The first 1000 rejected rows, by line of the whole file. */
  errors: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
});

const base = '/api/insurance';
const needsIdentity = ['IDENTITY_NOT_BOUND', 'NOT_INSURED'] as const;

export const insuranceApi = {
  getSummary: defineOperation({
    id: 'insurance.getSummary',
    method: 'GET',
    path: `${base}/me`,
    summary: '我的医保: type, status, region, since, this year and arrears',
    access: 'resident',
    response: summaryView,
    problems: [...needsIdentity],
  }),
  listContributions: defineOperation({
    id: 'insurance.listContributions',
    method: 'GET',
    path: `${base}/me/contributions`,
    summary: 'My contributions of one year, month by month, with totals',
    access: 'resident',
    query: z.strictObject({ year: z.coerce.number().int().min(1950).max(2100) }),
    response: z.strictObject({ year: z.number().int(), items: z.array(contributionView), totals: contributionTotals }),
    problems: [...needsIdentity, 'PERIOD_IN_FUTURE'],
  }),
  getMaternity: defineOperation({
    id: 'insurance.getMaternity',
    method: 'GET',
    path: `${base}/me/maternity`,
    summary: '生育津贴: my cases with their stage timeline; advice when an expected birth is unregistered',
    access: 'resident',
    query: z.strictObject({ expectedBirth: isoDate.optional() }),
    response: z.strictObject({ items: z.array(maternityCaseView), registrationAdvice: z.string().nullable() }),
    problems: [...needsIdentity],
  }),
  listFilings: defineOperation({
    id: 'insurance.listFilings',
    method: 'GET',
    path: `${base}/me/filings`,
    summary: '异地就医备案: my filings, newest first',
    access: 'resident',
    response: z.strictObject({ items: z.array(filingView) }),
    problems: [...needsIdentity],
  }),
  applyFiling: defineOperation({
    id: 'insurance.applyFiling',
    method: 'POST',
    path: `${base}/me/filings`,
    summary: 'File for treatment elsewhere; one that overlaps an active filing is refused',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: filingBody,
    response: filingView,
    problems: [...needsIdentity, 'FILING_OVERLAPS', 'FILING_DATES_INVALID', 'FILING_TOO_LONG'],
  }),
  cancelFiling: defineOperation({
    id: 'insurance.cancelFiling',
    method: 'POST',
    path: `${base}/me/filings/:id/cancel`,
    summary: 'Cancel one of my active filings',
    access: 'resident',
    params: idParams,
    response: filingView,
    problems: [...needsIdentity],
  }),
  listFamily: defineOperation({
    id: 'insurance.listFamily',
    method: 'GET',
    path: `${base}/me/family`,
    summary: '家庭共济: relatives bound to my account, and accounts I am bound to',
    access: 'resident',
    response: z.strictObject({ items: z.array(familyLinkView) }),
    problems: [...needsIdentity],
  }),
  askFamily: defineOperation({
    id: 'insurance.askFamily',
    method: 'POST',
    path: `${base}/me/family`,
    summary: 'Ask to bind a relative to my account; they confirm from their own account',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: familyAskBody,
    response: familyLinkView,
    problems: [
      ...needsIdentity,
      'INVALID_ID_NUMBER',
      'RELATIVE_NOT_FOUND',
      'FAMILY_LINK_EXISTS',
      'FAMILY_SELF',
      'RATE_LIMITED',
    ],
  }),
  confirmFamily: defineOperation({
    id: 'insurance.confirmFamily',
    method: 'POST',
    path: `${base}/me/family/:id/confirm`,
    summary: 'As the relative, confirm a binding asked of me',
    access: 'resident',
    params: idParams,
    response: familyLinkView,
    problems: [...needsIdentity],
  }),
  unbindFamily: defineOperation({
    id: 'insurance.unbindFamily',
    method: 'DELETE',
    path: `${base}/me/family/:id`,
    summary: 'Either side ends a binding or withdraws a request',
    access: 'resident',
    params: idParams,
    response: ok,
    problems: [...needsIdentity],
  }),
  listChronic: defineOperation({
    id: 'insurance.listChronic',
    method: 'GET',
    path: `${base}/me/chronic`,
    summary: '门诊慢特病: my eligibilities and whether each is still valid',
    access: 'resident',
    response: z.strictObject({ items: z.array(chronicView) }),
    problems: [...needsIdentity],
  }),
  listAccessLog: defineOperation({
    id: 'insurance.listAccessLog',
    method: 'GET',
    path: `${base}/me/access-log`,
    summary: 'Who viewed my insurance data, newest first (the latest 100)',
    access: 'resident',
    response: z.strictObject({ items: z.array(accessLogEntry) }),
    problems: [...needsIdentity],
  }),
  staffLookup: defineOperation({
    id: 'insurance.staffLookup',
    method: 'POST',
    path: `${base}/staff/lookup`,
    summary: 'A clerk looks up a person of their hall’s region, stating why; the person sees the view',
    access: 'staff',
    body: staffLookupBody,
    response: staffPersonView,
    problems: ['INVALID_ID_NUMBER'],
  }),
  startImport: defineOperation({
    id: 'insurance.startImport',
    method: 'POST',
    path: `${base}/staff/imports`,
    summary: 'Staff begin a batch import; the file follows in chunks of whole lines',
    access: 'staff',
    idempotent: true,
    status: 201,
    body: importStartBody,
    response: importJobView,
  }),
  sendImportChunk: defineOperation({
    id: 'insurance.sendImportChunk',
    method: 'POST',
    path: `${base}/staff/imports/:id/chunks`,
    summary: 'The next chunk of a batch file: its rows are checked and written, the report grows',
    access: 'staff',
    params: idParams,
    body: importChunkBody,
    response: importJobView,
    problems: ['IMPORT_CHUNK_OUT_OF_ORDER', 'IMPORT_FILE_REFUSED'],
  }),
  searchFaq: defineOperation({
    id: 'insurance.searchFaq',
    method: 'GET',
    path: `${base}/faq`,
    summary: '百问百答: answers ranked for a Chinese query',
    access: 'public',
    query: z.strictObject({ q: singleLineText(60), limit: z.coerce.number().int().min(1).max(20).default(5) }),
    response: z.strictObject({ items: z.array(faqView) }),
  }),
  listHalls: defineOperation({
    id: 'insurance.listHalls',
    method: 'GET',
    path: `${base}/halls`,
    summary: 'Service halls: today’s hours and whether each is open now (China time)',
    access: 'public',
    response: z.strictObject({ items: z.array(hallView) }),
  }),
} as const;

export const insuranceProblems = defineProblems({
  IDENTITY_NOT_BOUND: { status: 409, title: 'Bind your identity first', zh: '请先完成实名认证' },
  NOT_INSURED: { status: 404, title: 'No insurance record for this identity', zh: '未查询到您的参保信息' },
  PERIOD_IN_FUTURE: { status: 400, title: 'That year has not begun', zh: '所选年份尚未开始' },
  FILING_OVERLAPS: {
    status: 409,
    title: 'An active filing already covers part of these dates',
    zh: '该时段已有有效的异地就医备案',
  },
  FILING_DATES_INVALID: {
    status: 400,
    title: 'A filing starts today or later and ends on or after its start',
    zh: '备案日期有误：开始日期不能早于今天，结束日期不能早于开始日期',
  },
  FILING_TOO_LONG: { status: 400, title: 'Longer than this kind of filing may run', zh: '备案期限超过该类型的上限' },
  RELATIVE_NOT_FOUND: {
    status: 404,
    title: 'No insured person with that name and number has bound an account',
    zh: '未找到该亲属的实名参保信息',
  },
  FAMILY_LINK_EXISTS: { status: 409, title: 'That relative is already bound or asked', zh: '已绑定或已申请绑定该亲属' },
  FAMILY_SELF: { status: 400, title: 'You cannot bind yourself', zh: '不能绑定本人' },
  IMPORT_CHUNK_OUT_OF_ORDER: {
    status: 409,
    title: 'Chunks go in order; this is not the next one, or the import is finished',
    zh: '文件分段顺序有误，请重新上传',
  },
  IMPORT_FILE_REFUSED: {
    status: 400,
    title: 'The file cannot be read as this kind (e.g. an unknown column); nothing of it was written',
    zh: '文件格式与所选类型不符（如有未知列），未导入任何数据',
  },
});
