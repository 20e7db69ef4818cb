// The insurance yardstick: the smallest correct 我的医保 summary and one year of contributions,
// written straight on the driver, with the guarantees the real routes give — a valid access token
// of an account that is not revoked, the caller's own person only (the account's bound lookup
// key, then the registry by it), an audit entry for every read before anything is answered, and
// only masked identity fields out. Then the indexed reads: this year's months and all arrears
// for the summary, one year's months for contributions. It reads the same `accounts`,
// `insured_persons` and `insurance_contributions` the BFF does; its audit entries go to a
// collection of its own with the one index the resident's access log needs. None of the rest
// (schemas, problem documents, request logs): `rps / ceiling_rps` is how close the BFF comes.
import { MongoClient, ObjectId } from 'mongodb';
import type { JwtConfig } from '@warmcity/bff/platform/session';
import { refuseRevoked, serveCeiling, type CeilingAnswer } from './server';

export const INSURANCE_CEILING_COLLECTIONS = { audit: 'ceiling_audit_log' } as const;

interface Account {
  _id: ObjectId;
  identity?: { lookupKey: string; maskedIdNumber: string } | null;
}

interface Person {
  _id: ObjectId;
  maskedName: string | null;
  maskedIdNumber: string | null;
  insuranceType: string | null;
  status: string | null;
  region: string | null;
  since: string | null;
}

interface Month {
  period: string;
  baseFen: number;
  employerFen: number;
  personalFen: number;
  status: 'paid' | 'arrears';
}

const HEX_ID = /^[0-9a-f]{24}$/;
const PERSON_FIELDS = ['maskedName', 'maskedIdNumber', 'insuranceType', 'status', 'region', 'since'] as const;
const MONTH_PROJECTION = { _id: 0, period: 1, baseFen: 1, employerFen: 1, personalFen: 1, status: 1 } as const;
// The same words as the real summary, so both answers are the same size.
const ARREARS_ADVICE =
  '您有未缴费月份，欠费期间发生的医疗费用可能无法报销。请通过浙里办“医保缴费”、银行代缴或到医保服务大厅补缴；职工医保请联系单位补缴。';

const chinaYear = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
const monthFen = (m: Month) => m.employerFen + m.personalFen;

function totals(items: readonly Month[]) {
  const t = { employerFen: 0, personalFen: 0, paidFen: 0, paidMonths: 0, arrearsMonths: 0, arrearsFen: 0 };
  for (const m of items) {
    t.employerFen += m.employerFen;
    t.personalFen += m.personalFen;
    if (m.status === 'paid') {
      t.paidFen += monthFen(m);
      t.paidMonths += 1;
    } else {
      t.arrearsFen += monthFen(m);
      t.arrearsMonths += 1;
    }
  }
  return t;
}

export async function startInsuranceCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const accounts = db.collection<Account>('accounts');
  const persons = db.collection<Person & { lookupKey: string }>('insured_persons');
  const months = db.collection<Month & { personId: ObjectId }>('insurance_contributions');
  const audit = db.collection(INSURANCE_CEILING_COLLECTIONS.audit);
  await audit.createIndex({ subjectAccount: 1, _id: -1 });

  const yearOf = (personId: ObjectId, year: number) =>
    months
      .find({ personId, period: { $gte: `${year}-01`, $lte: `${year}-12` } }, { projection: MONTH_PROJECTION })
      .sort({ period: 1 })
      .toArray();

  /** The caller's own insured person, or the answer that refuses them. */
  async function subjectOf(userId: string) {
    if (!HEX_ID.test(userId)) return { refused: [401, { code: 'UNAUTHENTICATED' }] as CeilingAnswer };
    const revoked = await refuseRevoked(db, userId);
    if (revoked) return { refused: revoked };
    const accountId = new ObjectId(userId);
    const account = await accounts.findOne(
      { _id: accountId, deletedAt: null },
      { projection: { 'identity.lookupKey': 1, 'identity.maskedIdNumber': 1 } },
    );
    const identity = account?.identity;
    if (!identity) return { refused: [409, { code: 'IDENTITY_NOT_BOUND' }] as CeilingAnswer };
    const person = await persons.findOne(
      { lookupKey: identity.lookupKey },
      { projection: { _id: 1, ...Object.fromEntries(PERSON_FIELDS.map((f) => [f, 1])) } },
    );
    if (!person || PERSON_FIELDS.some((f) => person[f] === null || person[f] === undefined))
      return { refused: [404, { code: 'NOT_INSURED' }] as CeilingAnswer };
    return { accountId, identity, person };
  }

  async function read(userId: string, url: URL): Promise<CeilingAnswer> {
    const summary = url.pathname === '/me';
    if (!summary && url.pathname !== '/me/contributions') return [404, { code: 'NOT_FOUND' }];
    const year = summary ? chinaYear(new Date()) : Number(url.searchParams.get('year'));
    if (!Number.isInteger(year) || year < 1950 || year > 2100) return [400, { code: 'INVALID' }];
    const subject = await subjectOf(userId);
    if ('refused' in subject) return subject.refused!;
    if (year > chinaYear(new Date())) return [400, { code: 'PERIOD_IN_FUTURE' }];
    const { accountId, identity, person } = subject;
    await audit.insertOne({
      at: new Date(),
      actor: accountId,
      subjectAccount: accountId,
      subjectLookupKey: identity.lookupKey,
      subjectMaskedId: identity.maskedIdNumber,
      action: summary ? 'insurance.summary.read' : 'insurance.contributions.read',
      purpose: null,
      route: summary ? '/api/insurance/me' : '/api/insurance/me/contributions',
      requestId: null,
    });
    if (!summary) {
      const items = await yearOf(person._id, year);
      return [200, { year, items, totals: totals(items) }];
    }
    const [thisYear, arrears] = await Promise.all([
      yearOf(person._id, year),
      months
        .find({ personId: person._id, status: 'arrears' }, { projection: MONTH_PROJECTION })
        .sort({ period: 1 })
        .toArray(),
    ]);
    return [
      200,
      {
        person: Object.fromEntries(PERSON_FIELDS.map((f) => [f, person[f]])),
        thisYear: { year, ...totals(thisYear) },
        arrears: {
          periods: arrears.map((m) => m.period),
          amountFen: arrears.reduce((sum, m) => sum + monthFen(m), 0),
          advice: arrears.length > 0 ? ARREARS_ADVICE : null,
        },
      },
    ];
  }

  return serveCeiling(db, jwt, () => [405, { code: 'METHOD_NOT_ALLOWED' }], read);
}
