import type { mongo } from 'mongoose';
import type { Deps } from '../../platform/deps';
import type { AuditSource } from '../../platform/personal-data/audit';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { chinaYear } from './china-time';
import { CONTRIBUTIONS_COLLECTION, type Contribution, type Month } from './contribution.model';
import { auditRead, readAs, requireSubject, type SubjectRecord } from './subject';
import { contributionView, personView } from './views';

// Exactly the fields of `Month`.
const MONTH_FIELDS = { _id: 0, period: 1, baseFen: 1, employerFen: 1, personalFen: 1, status: 1 } as const;

const monthFen = (c: Month) => c.employerFen + c.personalFen;

export function totalsOf(items: readonly Month[]) {
  const paid = items.filter((c) => c.status === 'paid');
  const owed = items.filter((c) => c.status === 'arrears');
  const sum = (list: readonly Month[], of: (c: Month) => number) => list.reduce((total, c) => total + of(c), 0);
  return {
    employerFen: sum(items, (c) => c.employerFen),
    personalFen: sum(items, (c) => c.personalFen),
    paidFen: sum(paid, monthFen),
    paidMonths: paid.length,
    arrearsMonths: owed.length,
    arrearsFen: sum(owed, monthFen),
  };
}

// The resident's reads go straight to the driver with only the fields shown: they are the
// whole of 我的医保, and mongoose's query layer cost more than the indexed reads themselves.
const monthsOf = (deps: Deps, filter: mongo.Filter<Contribution>) =>
  deps.connection
    .collection<Contribution>(CONTRIBUTIONS_COLLECTION)
    .find<Month>(filter, { projection: MONTH_FIELDS, sort: { period: 1 } })
    .toArray();

const yearOf = (deps: Deps, personId: Contribution['personId'], year: number) =>
  monthsOf(deps, { personId, period: { $gte: `${year}-01`, $lte: `${year}-12` } });

const ARREARS_ADVICE =
  '您有未缴费月份，欠费期间发生的医疗费用可能无法报销。请通过浙里办“医保缴费”、银行代缴或到医保服务大厅补缴；职工医保请联系单位补缴。';

/** 我的医保 of one person, with this year's months (a clerk's view shows them too). */
export async function summaryOf(deps: Deps, person: SubjectRecord) {
  const year = chinaYear(deps.clock.now());
  const [thisYear, arrears] = await Promise.all([
    yearOf(deps, person._id, year),
    monthsOf(deps, { personId: person._id, status: 'arrears' }),
  ]);
  const summary = {
    person: personView(person),
    thisYear: { year, ...totalsOf(thisYear) },
    arrears: {
      periods: arrears.map((c) => c.period),
      amountFen: arrears.reduce((total, c) => total + monthFen(c), 0),
      advice: arrears.length > 0 ? ARREARS_ADVICE : null,
    },
  };
  return { summary, months: thisYear };
}

export async function getSummary(deps: Deps, user: SessionUser, source: AuditSource) {
  const subject = await readAs(deps, user, 'insurance.summary.read', source);
  return (await summaryOf(deps, subject.person)).summary;
}

export async function listContributions(deps: Deps, user: SessionUser, year: number, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  // A future year is refused before the audit entry: it is a bad request, not a read.
  if (year > chinaYear(deps.clock.now())) throw problem('PERIOD_IN_FUTURE');
  await auditRead(deps, subject, 'insurance.contributions.read', source);
  const items = await yearOf(deps, subject.personId, year);
  return { year, items: items.map(contributionView), totals: totalsOf(items) };
}
