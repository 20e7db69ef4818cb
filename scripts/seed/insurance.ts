import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { upsertFaqs, upsertHalls, writers, type NumberedRow } from '@warmcity/bff/insurance/tasks';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { demoRegistryPersons } from './accounts';
import { insuranceFaq } from './insurance-faq';
import { insuranceHalls } from './insurance-halls';

/** How many made-up persons beyond the demo ones; enough to page and search through. */
const POPULATION = 200;
const MONTHS = 24;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '玉兰',
];
const REGIONS = ['越城区', '柯桥区', '上虞区', '松阳县'];

// Deterministic "random" from the index, so a rerun produces the same population and changes nothing.
const pick = (key: string, modulo: number) => createHash('sha1').update(key).digest().readUInt32BE(0) % modulo;
const withCheckChar = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;

/** A made-up person: 越城区 region code, birth 1960..1999, sequence 5xx (never a real person's
 * number by design: the registry holds only what this seed writes). */
function syntheticPerson(i: number) {
  const year = 1960 + pick(`y${i}`, 40);
  const month = String(1 + pick(`m${i}`, 12)).padStart(2, '0');
  const day = String(1 + pick(`d${i}`, 28)).padStart(2, '0');
  const idNumber = withCheckChar(`330602${year}${month}${day}${String(500 + (i % 500)).padStart(3, '0')}`);
  const name = `${SURNAMES[pick(`s${i}`, SURNAMES.length)]}${GIVEN[pick(`g${i}`, GIVEN.length)]}`;
  return { idNumber, name };
}

/** Everyone the seed insures: the demo persons, then the synthetic population. */
export const seedPeople = () => [
  ...demoRegistryPersons,
  ...Array.from({ length: POPULATION }, (_, i) => syntheticPerson(i)),
];

const numbered = <T>(rows: T[]) => rows.map((row, i) => ({ line: i + 1, row }));

function monthsBefore(now: Date, count: number): string[] {
  const periods: string[] = [];
  for (let back = count; back >= 1; back -= 1) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    periods.push(d.toISOString().slice(0, 7));
  }
  return periods;
}

/** 医保 demo data: the demo registry persons and a synthetic population with two years of
 * contributions (bases 4,000–20,000 元; employer 6.5 %, personal 2 %; a few months in arrears),
 * a maternity case under way for 李晓梅, 门诊慢特病 for 王建国, the FAQ and the service halls. Idempotent. */
export async function seedInsurance(connection: Connection, now = new Date()) {
  const store = { connection, config: loadConfig() };
  const people = seedPeople();
  const persons = people.map((p, i) => ({
    ...p,
    insuranceType: i % 5 === 4 ? ('resident' as const) : ('employee' as const),
    status: i % 23 === 22 ? ('suspended' as const) : ('active' as const),
    // The demo persons hold 越城区 numbers and are served by the demo clerk's hall.
    region: i < demoRegistryPersons.length ? REGIONS[0]! : REGIONS[pick(`r${i}`, REGIONS.length)]!,
    since: `${2000 + pick(`since${i}`, 20)}-0${1 + pick(`sm${i}`, 9)}-01`,
  }));
  let written = 0;
  const count = ({ upserted, modified }: { upserted: number; modified: number }) => (written += upserted + modified);
  count(await writers.persons(store, numbered(persons)));

  const periods = monthsBefore(now, MONTHS);
  let contributions = 0;
  for (const [i, person] of persons.entries()) {
    const baseFen = (4000 + pick(`base${i}`, 16_000)) * 100;
    const rows: NumberedRow<'contributions'>[] = numbered(
      periods.map((period) => ({
        idNumber: person.idNumber,
        period,
        baseFen,
        employerFen: person.insuranceType === 'employee' ? Math.round(baseFen * 0.065) : 0,
        personalFen: person.insuranceType === 'employee' ? Math.round(baseFen * 0.02) : 38_000,
        status: pick(`a${i}${period}`, 40) === 0 ? ('arrears' as const) : ('paid' as const),
      })),
    );
    count(await writers.contributions(store, rows));
    contributions += rows.length;
  }

  const mother = demoRegistryPersons[0]!;
  // Anchored to the month's start, not to now, so restarts within a month rewrite nothing.
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 1);
  const day = (daysAgo: number) => new Date(monthStart - daysAgo * 86_400_000).toISOString();
  count(
    await writers['maternity-stages'](
      store,
      numbered([
        { stage: 'registered' as const, at: day(200) },
        { stage: 'discharged' as const, at: day(12) },
        { stage: 'pushed' as const, at: day(11) },
      ]).map(({ line, row }) => ({
        line,
        row: {
          idNumber: mother.idNumber,
          caseNo: 'SY-DEMO-0136',
          ...row,
          amountFen: 4_213_300,
          days: 158,
          rule: '用人单位上年度职工月平均缴费工资 8,000.00 元 ÷ 30 × 158 天',
          paidToKind: 'employer' as const,
          paidToMaskedAccount: '6222 **** **** 0136',
        },
      })),
    ),
  );
  // 门诊慢特病 for 王建国 (the demo account that arrives bound): one certification in force, one
  // lapsed, so the page shows both states. Dated by the year, so reruns in it rewrite nothing.
  const year = now.getUTCFullYear();
  count(
    await writers.chronic(
      store,
      numbered([
        { idNumber: demoRegistryPersons[1]!.idNumber, disease: '高血压', validUntil: `${year + 1}-12-31` },
        { idNumber: demoRegistryPersons[1]!.idNumber, disease: '2型糖尿病', validUntil: `${year - 1}-06-30` },
      ]),
    ),
  );
  count(await upsertFaqs(connection, insuranceFaq));
  count(await upsertHalls(connection, insuranceHalls));
  return {
    persons: persons.length,
    contributions,
    chronic: 2,
    faq: insuranceFaq.length,
    halls: insuranceHalls.length,
    written,
  };
}
