import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { bindIdentityAsSystem, upsertDevAccount } from '../../src/features/accounts/tasks';
import type { ImportKind, ImportRow } from '../../src/features/insurance/import-rows';
import { importRows } from '../../src/features/insurance/import-rows';
import { writers } from '../../src/features/insurance/tasks';
import { dataProtection } from '../../src/platform/personal-data/protection';
import { signAccessToken } from '../../src/platform/session';
import { newObjectId, standingClock, startTestApp, type TestApp } from '../support/app';

/** The app's clock stands on Wednesday 2026-06-10, 10:00 China time, until a test moves it. */
export const startInsuranceApp = () => startTestApp({ clock: standingClock(new Date('2026-06-10T02:00:00Z')) });

export type InsuranceApp = Awaited<ReturnType<typeof startInsuranceApp>>;

let sequence = 100;
/** A made-up ID number (越城区 region, sequence 1xx..) with a valid check digit, never a real person. */
export function syntheticIdNumber(birth = '19900312'): string {
  const first17 = `330602${birth}${String(sequence++ % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

export async function writeRows<K extends ImportKind>(app: TestApp, kind: K, rows: unknown[]) {
  const parsed = rows.map((row, i) => ({ line: i + 1, row: importRows[kind].parse(row) as ImportRow<K> }));
  return writers[kind]({ connection: app.connection, config: app.config }, parsed);
}

export interface Resident {
  readonly token: string;
  readonly accountId: string;
  readonly name: string;
  readonly idNumber: string;
}

/** A signed-in account with its identity bound; `insured: false` leaves the registry without an
 * insurance record for the person. */
export async function resident(
  app: TestApp,
  name: string,
  { insured = true, idNumber = syntheticIdNumber() }: { insured?: boolean; idNumber?: string } = {},
): Promise<Resident> {
  const accountId = newObjectId();
  const code = `insurance-${randomBytes(4).toString('hex')}`;
  await upsertDevAccount(app.connection, { id: accountId, code, label: name, roles: ['resident'] }, new Date());
  const person = { idNumber, name, insuranceType: 'employee', status: 'active', region: '越城区', since: '2015-07-01' };
  await writeRows(app, 'persons', [person]);
  if (!insured) await unInsure(app, idNumber);
  await bindIdentityAsSystem(app.connection, app.config, accountId, { name, idNumber });
  const token = signAccessToken(app.config, { id: accountId, roles: ['resident'], scopes: [] });
  return { token, accountId, name, idNumber };
}

/** Leaves the person in the registry (binding matches) but without the insurance fields. */
async function unInsure(app: TestApp, idNumber: string) {
  await app.connection
    .collection('insured_persons')
    .updateOne(
      { lookupKey: dataProtection(app.config).lookupKey(idNumber) },
      { $set: { insuranceType: null, status: null, region: null, since: null } },
    );
}

/** Audit entries of one account's insurance data, oldest first. */
export async function auditOf(app: TestApp, accountId: string) {
  return app.connection
    .collection('audit_log')
    .find({ subjectAccount: new Types.ObjectId(accountId), action: /^insurance\./ })
    .sort({ _id: 1 })
    .toArray();
}
