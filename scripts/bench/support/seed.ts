// Seeding the scenarios share, through the features' own task helpers, so a benchmark's data is
// stored exactly as the feature stores it.
import { randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import type { Config } from '@warmcity/bff/config';
import { bindIdentityAsSystem, upsertDevAccount } from '@warmcity/bff/accounts/tasks';
import { ensurePorts, upsertSite } from '@warmcity/bff/charging/tasks';
import { writers } from '@warmcity/bff/insurance/tasks';
import { upsertCampaign, upsertCemetery, upsertMemorial } from '@warmcity/bff/memorial/tasks';
import { MEMORIAL_CODE_ALPHABET, MEMORIAL_CODE_LENGTH } from '@warmcity/shared/api/memorial';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { chargingSeed } from '../../seed/charging';

export const newId = () => new mongoose.Types.ObjectId().toHexString();

/** A fixed sequence, so every run asks the same residents the same question. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The 头陀镇 sites as seeded, open round the clock so a night-time run measures the rush too. */
export function toutuoSites() {
  return chargingSeed()
    .filter(({ site }) => site.town.code === 'toutuo')
    .map(({ site, ports }) => ({ site: { ...site, hours: { opens: '00:00', closes: '24:00' } }, ports }));
}

export async function seedChargingSites(
  connection: mongoose.Connection,
  config: Config,
  sites: ReturnType<typeof toutuoSites>,
  now: Date,
) {
  for (const { site } of sites) await upsertSite(connection, site, now);
  await ensurePorts(
    connection,
    config,
    sites.flatMap((s) => s.ports),
    now,
  );
}

const newCode = () =>
  Array.from(
    { length: MEMORIAL_CODE_LENGTH },
    () => MEMORIAL_CODE_ALPHABET[randomInt(MEMORIAL_CODE_ALPHABET.length)],
  ).join('');

/** 忠烈园 with `count` public memorials and a campaign running now that counts their tributes. */
export async function seedMemorials(connection: mongoose.Connection, count: number) {
  const cemeteryId = newId();
  await upsertCemetery(connection, { _id: cemeteryId, name: '忠烈园', address: '平阳县昆阳镇' });
  const codes = Array.from({ length: count }, newCode);
  for (const [index, code] of codes.entries()) {
    await upsertMemorial(connection, {
      _id: newId(),
      cemeteryId,
      code,
      visibility: 'public',
      name: `示例烈士${index + 1}`,
      birthDate: '1920-01-01',
      deathDate: '1949-01-01',
      biography: '压测用虚构人物',
      plot: { area: '忠烈园', row: '1', number: String(index + 1) },
    });
  }
  const campaignId = newId();
  const now = Date.now();
  await upsertCampaign(connection, {
    _id: campaignId,
    cemeteryId,
    name: '清明·网上祭英烈',
    startsAt: new Date(now - 3_600_000),
    endsAt: new Date(now + 24 * 3_600_000),
  });
  return { codes, campaignId };
}

const DAY_MS = 86_400_000;
const FIRST_BIRTH = Date.UTC(1960, 0, 1);
const BIRTH_DAYS = 14_000;

/** Person i: a made-up 越城区 number, unique by birth day and sequence, with a valid check digit. */
export function insuredPerson(i: number) {
  const birth = new Date(FIRST_BIRTH + (i % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `330602${birth}${String(900 + Math.floor(i / BIRTH_DAYS)).padStart(3, '0')}`;
  return { idNumber: `${first17}${idNumberCheckChar(first17)}`, name: `测试${String(i).padStart(6, '0')}` };
}

/** The twelve months before this one, China time. */
export function lastTwelveMonths(now: Date): string[] {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  return Array.from({ length: 12 }, (_, k) =>
    new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 12 + k, 1)).toISOString().slice(0, 7),
  );
}

/** `count` resident accounts, each bound to an insured person with a year of contributions;
 * returns their account ids. */
export async function seedInsuredResidents(connection: mongoose.Connection, config: Config, count: number) {
  const store = { connection, config };
  const people = Array.from({ length: count }, (_, i) => insuredPerson(i));
  const numbered = <T>(rows: T[]) => rows.map((row, i) => ({ line: i + 1, row }));
  await writers.persons(
    store,
    numbered(
      people.map((p) => ({
        ...p,
        insuranceType: 'employee' as const,
        status: 'active' as const,
        region: '越城区',
        since: '2010-01-01',
      })),
    ),
  );
  const periods = lastTwelveMonths(new Date());
  await writers.contributions(
    store,
    numbered(
      people.flatMap((p, i) =>
        periods.map((period) => {
          const baseFen = 400_000 + (i % 160) * 10_000;
          return {
            idNumber: p.idNumber,
            period,
            baseFen,
            employerFen: Math.round(baseFen * 0.065),
            personalFen: Math.round(baseFen * 0.02),
            status: 'paid' as const,
          };
        }),
      ),
    ),
  );
  const accountIds: string[] = [];
  for (const person of people) {
    const id = newId();
    await upsertDevAccount(
      connection,
      { id, code: `bench-${id}`, label: person.name, roles: ['resident'] },
      new Date(),
    );
    await bindIdentityAsSystem(connection, config, id, person);
    accountIds.push(id);
  }
  return { accountIds, year: Number(periods.at(-1)!.slice(0, 4)) };
}
