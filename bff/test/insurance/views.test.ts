import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, resident, startInsuranceApp, writeRows, type InsuranceApp, type Resident } from './support';

let app: InsuranceApp;
let li: Resident;
let wang: Resident;

const month = (period: string, status: 'paid' | 'arrears', idNumber: string) => ({
  idNumber,
  period,
  baseFen: 800_000,
  employerFen: 52_000,
  personalFen: 16_000,
  status,
});

beforeAll(async () => {
  app = await startInsuranceApp();
  li = await resident(app, '李晓梅');
  wang = await resident(app, '王建国');
  await writeRows(app, 'contributions', [
    month('2025-11', 'paid', li.idNumber),
    month('2025-12', 'arrears', li.idNumber),
    month('2026-01', 'paid', li.idNumber),
    month('2026-02', 'paid', li.idNumber),
    month('2026-03', 'arrears', li.idNumber),
    month('2026-01', 'paid', wang.idNumber),
  ]);
  await writeRows(app, 'maternity-stages', [
    { idNumber: li.idNumber, caseNo: 'SY-2026-0136', stage: 'registered', at: '2026-01-05T01:00:00Z' },
    { idNumber: li.idNumber, caseNo: 'SY-2026-0136', stage: 'discharged', at: '2026-05-20T06:00:00Z' },
    {
      idNumber: li.idNumber,
      caseNo: 'SY-2026-0136',
      stage: 'pushed',
      at: '2026-05-21T01:00:00Z',
      amountFen: '4213000',
      days: '158',
      rule: '单位上年度职工月平均缴费工资 8000.00 元 ÷ 30 × 158 天',
      paidToKind: 'employer',
      paidToMaskedAccount: '6222 **** **** 1234',
    },
  ]);
});
afterAll(() => app?.close());

const get = (who: Resident, path: string) => app.request('GET', `/api/insurance${path}`, { token: who.token });

describe('我的医保', () => {
  it('shows the masked person, this year’s totals and every month in arrears with what to do', async () => {
    const response = await get(li, '/me');
    expect(response.status, response.text).toBe(200);
    expect(response.body.person).toEqual({
      maskedName: '李**',
      maskedIdNumber: `${li.idNumber.slice(0, 6)}********${li.idNumber.slice(-4)}`,
      insuranceType: 'employee',
      status: 'active',
      region: '越城区',
      since: '2015-07-01',
    });
    expect(response.body.thisYear).toEqual({
      year: 2026,
      employerFen: 156_000,
      personalFen: 48_000,
      paidFen: 136_000,
      paidMonths: 2,
      arrearsMonths: 1,
      arrearsFen: 68_000,
    });
    expect(response.body.arrears.periods).toEqual(['2025-12', '2026-03']);
    expect(response.body.arrears.amountFen).toBe(136_000);
    expect(response.body.arrears.advice).toContain('补缴');
  });

  it('someone without arrears gets no advice', async () => {
    const response = await get(wang, '/me');
    expect(response.body.arrears).toEqual({ periods: [], amountFen: 0, advice: null });
  });

  it('contributions of one year come month by month with totals; another year holds only its own', async () => {
    const y2025 = await get(li, '/me/contributions?year=2025');
    expect(y2025.status).toBe(200);
    expect(y2025.body.items.map((c: { period: string; status: string }) => [c.period, c.status])).toEqual([
      ['2025-11', 'paid'],
      ['2025-12', 'arrears'],
    ]);
    expect(y2025.body.totals).toEqual({
      employerFen: 104_000,
      personalFen: 32_000,
      paidFen: 68_000,
      paidMonths: 1,
      arrearsMonths: 1,
      arrearsFen: 68_000,
    });
    const empty = await get(li, '/me/contributions?year=2019');
    expect(empty.body.items).toEqual([]);
  });

  it.each([
    ['a year not begun', 'year=2027', 400, 'PERIOD_IN_FUTURE'],
    ['no year', '', 400, 'VALIDATION_FAILED'],
    ['a word', 'year=abc', 400, 'VALIDATION_FAILED'],
    ['an operator', 'year[$gt]=2000', 400, 'VALIDATION_FAILED'],
    ['an unknown key', 'year=2025&personId=1', 400, 'VALIDATION_FAILED'],
  ])('%s is refused', async (_, query, status, code) => {
    const response = await get(li, `/me/contributions?${query}`);
    expect(response.status, response.text).toBe(status);
    expect(response.body.code).toBe(code);
  });
});

describe('生育津贴', () => {
  it('shows the case timeline, the amount, how it was computed and where it is paid', async () => {
    const response = await get(li, '/me/maternity');
    expect(response.status, response.text).toBe(200);
    expect(response.body.items).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        stages: [
          { stage: 'registered', at: '2026-01-05T01:00:00.000Z' },
          { stage: 'discharged', at: '2026-05-20T06:00:00.000Z' },
          { stage: 'pushed', at: '2026-05-21T01:00:00.000Z' },
        ],
        nextStage: 'reviewed',
        amountFen: 4_213_000,
        days: 158,
        rule: '单位上年度职工月平均缴费工资 8000.00 元 ÷ 30 × 158 天',
        paidTo: { kind: 'employer', maskedAccount: '6222 **** **** 1234' },
      },
    ]);
    expect(response.body.registrationAdvice).toBeNull();
  });

  it('an expected birth with no registration is told how to register and how long is left', async () => {
    const before = await get(wang, '/me/maternity?expectedBirth=2026-08-01');
    expect(before.body.items).toEqual([]);
    expect(before.body.registrationAdvice).toContain('预产期还有 52 天');
    const late = await get(wang, '/me/maternity?expectedBirth=2026-05-01');
    expect(late.body.registrationAdvice).toContain('距补办截止还有 50 天');
    const tooLate = await get(wang, '/me/maternity?expectedBirth=2026-01-01');
    expect(tooLate.body.registrationAdvice).toContain('已超过');
    const bad = await get(wang, '/me/maternity?expectedBirth=2026-02-30');
    expect(bad.status).toBe(400);
  });
});

describe('门诊慢特病', () => {
  it('lists each certified disease with its end date and whether it still holds today (China date, inclusive)', async () => {
    const rows = [
      { idNumber: li.idNumber, disease: '高血压', validUntil: '2027-06-30' },
      { idNumber: li.idNumber, disease: '糖尿病', validUntil: '2026-06-09' },
      { idNumber: li.idNumber, disease: '慢性阻塞性肺疾病', validUntil: '2026-06-10' },
    ];
    expect(await writeRows(app, 'chronic', rows)).toEqual({ upserted: 3, modified: 0, errors: [] });
    const response = await get(li, '/me/chronic');
    expect(response.status, response.text).toBe(200);
    expect(response.body.items).toEqual([
      { disease: '慢性阻塞性肺疾病', validUntil: '2026-06-10', valid: true },
      { disease: '糖尿病', validUntil: '2026-06-09', valid: false },
      { disease: '高血压', validUntil: '2027-06-30', valid: true },
    ]);
    expect((await get(wang, '/me/chronic')).body.items).toEqual([]);

    // The same rows again change nothing; a renewal moves the date of the one record.
    expect(await writeRows(app, 'chronic', rows)).toEqual({ upserted: 0, modified: 0, errors: [] });
    await writeRows(app, 'chronic', [{ idNumber: li.idNumber, disease: '糖尿病', validUntil: '2028-06-09' }]);
    const renewed = (await get(li, '/me/chronic')).body.items;
    expect(renewed).toHaveLength(3);
    expect(renewed[1]).toEqual({ disease: '糖尿病', validUntil: '2028-06-09', valid: true });
  });
});

describe('access', () => {
  it('an account without a bound identity is told to bind one; a bound person without a record is not insured', async () => {
    const stranger = app.signIn();
    const unbound = await app.request('GET', '/api/insurance/me', { token: stranger.token });
    expect(unbound.status).toBe(409);
    expect(unbound.body.code).toBe('IDENTITY_NOT_BOUND');
    const notInsured = await resident(app, '陈志强', { insured: false });
    const missing = await get(notInsured, '/me');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_INSURED');
  });

  it('every read writes an audit entry, and the resident can list who viewed their data', async () => {
    const reader = await resident(app, '张丽华');
    const reads = ['/me', '/me/contributions?year=2026', '/me/maternity', '/me/filings', '/me/family', '/me/chronic'];
    for (const path of reads) expect((await get(reader, path)).status).toBe(200);
    const entries = await auditOf(app, reader.accountId);
    expect(entries.map((e) => e.action)).toEqual([
      'insurance.summary.read',
      'insurance.contributions.read',
      'insurance.maternity.read',
      'insurance.filings.read',
      'insurance.family.read',
      'insurance.chronic.read',
    ]);
    for (const entry of entries) {
      expect(entry.actor?.toHexString()).toBe(reader.accountId);
      expect(entry.subjectMaskedId).toBe(`${reader.idNumber.slice(0, 6)}********${reader.idNumber.slice(-4)}`);
      expect(entry.route).toMatch(/^\/api\/insurance\/me/);
      expect(entry.at.toISOString()).toBe('2026-06-10T02:00:00.000Z');
    }
    const log = await get(reader, '/me/access-log');
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(6);
    expect(log.body.items[0]).toEqual({
      at: '2026-06-10T02:00:00.000Z',
      viewer: 'self',
      action: 'insurance.chronic.read',
      purpose: null,
    });
    // Listing the log is not itself a read of insurance data.
    expect(await auditOf(app, reader.accountId)).toHaveLength(6);
  });

  it('a refused read writes no audit entry', async () => {
    const reader = await resident(app, '周一鸣');
    await get(reader, '/me/contributions?year=2031');
    expect(await auditOf(app, reader.accountId)).toEqual([]);
  });

  it('anonymous callers are refused', async () => {
    const response = await app.request('GET', '/api/insurance/me');
    expect(response.status).toBe(401);
  });
});
