import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertHalls } from '../../src/features/insurance/tasks';
import { signAccessToken } from '../../src/platform/session';
import { insuranceHalls } from '../../../scripts/seed/insurance-halls';
import { newObjectId } from '../support/app';
import {
  auditOf,
  resident,
  startInsuranceApp,
  syntheticIdNumber,
  writeRows,
  type InsuranceApp,
  type Resident,
} from './support';

let app: InsuranceApp;
let li: Resident;
let yuechengClerk: string;
let songyangClerk: string;
let unscopedClerk: string;

const purpose = { code: 'counter-service', note: '窗口打印缴费证明' } as const;
const lookup = (token: string, body: unknown) => app.request('POST', '/api/insurance/staff/lookup', { token, body });

const clerk = (scopes: string[]) =>
  signAccessToken(app.config, { id: newObjectId(), roles: ['resident', 'staff'], scopes });

beforeAll(async () => {
  app = await startInsuranceApp();
  await upsertHalls(app.connection, insuranceHalls);
  const halls = await app.connection.collection('insurance_service_halls').find().toArray();
  const hallOf = (region: string) => halls.find((h) => h.region === region)!._id.toHexString();
  yuechengClerk = clerk([`service-hall:${hallOf('越城区')}`]);
  songyangClerk = clerk([`service-hall:${hallOf('松阳县')}`]);
  unscopedClerk = clerk([]);
  li = await resident(app, '李晓梅');
  await writeRows(app, 'contributions', [
    {
      idNumber: li.idNumber,
      period: '2026-01',
      baseFen: 800_000,
      employerFen: 52_000,
      personalFen: 16_000,
      status: 'paid',
    },
  ]);
});
afterAll(() => app.close());

describe('staff lookup, scoped to the region of their hall', () => {
  it('a clerk of the person’s region sees the record, and the person sees who looked and why', async () => {
    const response = await lookup(yuechengClerk, { idNumber: li.idNumber, purpose });
    expect(response.status, response.text).toBe(200);
    expect(response.body.person.region).toBe('越城区');
    expect(response.body.person.maskedIdNumber).toBe(`${li.idNumber.slice(0, 6)}********${li.idNumber.slice(-4)}`);
    expect(response.body.contributions).toEqual([
      { period: '2026-01', baseFen: 800_000, employerFen: 52_000, personalFen: 16_000, status: 'paid' },
    ]);
    expect(response.body.maternity).toEqual([]);
    expect(response.body.filings).toEqual([]);
    expect(response.text).not.toMatch(/\d{17}[\dXx]/);

    const entries = await auditOf(app, li.accountId);
    expect(entries.map((e) => [e.action, e.purpose])).toEqual([['insurance.staff.read', purpose]]);
    const log = await app.request('GET', '/api/insurance/me/access-log', { token: li.token });
    expect(log.body.items[0]).toEqual({
      at: '2026-06-10T02:00:00.000Z',
      viewer: 'staff',
      action: 'insurance.staff.read',
      purpose,
    });
  });

  it('a clerk of another region, or of no hall, gets the 404 of a missing person and leaves no entry', async () => {
    const before = (await auditOf(app, li.accountId)).length;
    for (const token of [songyangClerk, unscopedClerk]) {
      const response = await lookup(token, { idNumber: li.idNumber, purpose });
      expect(response.status, response.text).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    const missing = await lookup(yuechengClerk, { idNumber: syntheticIdNumber('19800101'), purpose });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(await auditOf(app, li.accountId)).toHaveLength(before);
  });

  it('a resident cannot look anyone up', async () => {
    const response = await lookup(li.token, { idNumber: li.idNumber, purpose });
    expect(response.status).toBe(403);
  });

  it.each([
    ['no purpose', { purpose: undefined }, 'VALIDATION_FAILED'],
    ['a purpose off the list', { purpose: { code: 'curiosity', note: '看看' } }, 'VALIDATION_FAILED'],
    ['an empty note', { purpose: { code: 'counter-service', note: ' ' } }, 'VALIDATION_FAILED'],
    ['an operator object', { idNumber: { $gt: '' }, purpose }, 'VALIDATION_FAILED'],
    ['an unknown key', { purpose, region: '松阳县' }, 'VALIDATION_FAILED'],
    ['a bad check digit', { idNumber: '330602199003121230', purpose }, 'INVALID_ID_NUMBER'],
  ])('%s → 400 %s', async (_name, patch, code) => {
    const valid: Record<string, unknown> = { idNumber: li.idNumber, purpose };
    const response = await lookup(yuechengClerk, { ...valid, ...patch });
    expect(response.status, response.text).toBe(400);
    expect(response.body.code).toBe(code);
  });
});
