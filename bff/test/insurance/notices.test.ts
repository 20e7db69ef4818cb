import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRows } from '../../src/features/insurance/import-rows';
import { writers } from '../../src/features/insurance/tasks';
import { resident, startInsuranceApp, type InsuranceApp, type Resident } from './support';

let app: InsuranceApp;
let mother: Resident;
let spouse: Resident;
beforeAll(async () => {
  app = await startInsuranceApp();
  mother = await resident(app, '李晓梅');
  spouse = await resident(app, '王建国');
});
afterAll(() => app?.close());

/** Imports maternity stage rows as the CLI does, with the app's clock as "now". */
const importStages = (rows: object[]) =>
  writers['maternity-stages'](
    { connection: app.connection, config: app.config, clock: app.clock },
    rows.map((row, i) => ({ line: i + 1, row: importRows['maternity-stages'].parse(row) })),
  );

const inbox = async (who: Resident) =>
  (await app.request('GET', '/api/notifications', { token: who.token })).body.items as {
    kind: string;
    title: string;
    body: string;
    link: string | null;
  }[];

const stage = (caseNo: string, name: string, at: string, more: object = {}) => ({
  idNumber: mother.idNumber,
  caseNo,
  stage: name,
  at,
  ...more,
});

describe('stage notifications', () => {
  it('an import that moves a case to a stage tells the person once, however often it is re-run', async () => {
    await importStages([stage('SY-N-1', 'discharged', '2026-06-08T02:00:00Z')]);
    await importStages([stage('SY-N-1', 'discharged', '2026-06-08T02:00:00Z')]);
    expect(await inbox(mother)).toEqual([
      expect.objectContaining({
        kind: 'maternity_stage',
        title: '生育津贴进度：出院结算',
        body: '出院结算已完成，结算数据将推送至医保中心审核。',
        link: '/insurance/pages/maternity/index',
      }),
    ]);
    await importStages([
      stage('SY-N-1', 'paid', '2026-06-09T02:00:00Z', {
        amountFen: '4213000',
        paidToKind: 'personal',
        paidToMaskedAccount: '6222 **** 1234',
      }),
    ]);
    const items = await inbox(mother);
    expect(items.map((n) => n.title)).toEqual(['生育津贴进度：拨付', '生育津贴进度：出院结算']);
    expect(items[0]!.body).toBe('生育津贴 42130.00 元已拨付至本人账户 6222 **** 1234。');
  });

  it('a stage of more than 30 days ago is history being loaded, and tells nobody', async () => {
    const before = (await inbox(mother)).length;
    await importStages([stage('SY-N-OLD', 'registered', '2026-05-01T02:00:00Z')]);
    expect(await inbox(mother)).toHaveLength(before);
  });

  it('a family-aid request tells the relative; a refused duplicate tells nothing more', async () => {
    const ask = () =>
      app.request('POST', '/api/insurance/me/family', {
        token: mother.token,
        body: { relation: 'spouse', name: spouse.name, idNumber: spouse.idNumber },
        headers: { 'idempotency-key': randomUUID() },
      });
    expect((await ask()).status).toBe(201);
    expect((await ask()).body.code).toBe('FAMILY_LINK_EXISTS');
    const items = await inbox(spouse);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'family_request',
        title: '家庭共济绑定申请',
        link: '/insurance/pages/family/index',
      }),
    ]);
    expect(items[0]!.body).toMatch(/^李\*\* 申请将您（其配偶）绑定到本人的家庭共济账户/);
  });
});
