import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, resident, startInsuranceApp, type InsuranceApp, type Resident } from './support';

let app: InsuranceApp;
let li: Resident;
let wang: Resident;
beforeAll(async () => {
  app = await startInsuranceApp();
  li = await resident(app, '李晓梅');
  wang = await resident(app, '王建国');
});
afterAll(() => app?.close());

const apply = (who: Resident, body: object) =>
  app.request('POST', '/api/insurance/me/filings', {
    token: who.token,
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
const cancel = (who: Resident, id: string) =>
  app.request('POST', `/api/insurance/me/filings/${id}/cancel`, { token: who.token });
const list = (who: Resident) => app.request('GET', '/api/insurance/me/filings', { token: who.token });
const trip = { destination: '上海市', kind: 'temporary-travel', validFrom: '2026-07-01', validTo: '2026-07-31' };

describe('异地就医备案', () => {
  it('applies, lists and cancels; a cancelled filing frees its dates', async () => {
    const created = await apply(li, trip);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      ...trip,
      status: 'active',
      filedAt: '2026-06-10T02:00:00.000Z',
      cancelledAt: null,
    });
    expect((await list(li)).body.items.map((f: { id: string }) => f.id)).toEqual([created.body.id]);

    const overlapping = await apply(li, {
      ...trip,
      destination: '北京市',
      validFrom: '2026-07-31',
      validTo: '2026-08-10',
    });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('FILING_OVERLAPS');
    const duplicate = await apply(li, trip);
    expect(duplicate.body.code).toBe('FILING_OVERLAPS');

    const cancelled = await cancel(li, created.body.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancelledAt).toBe('2026-06-10T02:00:00.000Z');
    expect((await cancel(li, created.body.id)).body.status).toBe('cancelled');
    expect((await apply(li, trip)).status).toBe(201);
  });

  it('adjacent filings do not overlap', async () => {
    const first = await apply(wang, { ...trip, validFrom: '2026-09-01', validTo: '2026-09-30' });
    const next = await apply(wang, { ...trip, validFrom: '2026-10-01', validTo: '2026-10-15' });
    expect([first.status, next.status]).toEqual([201, 201]);
  });

  it('of eight concurrent overlapping applications exactly one is filed', async () => {
    const racer = await resident(app, '赵美玲');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => apply(racer, { ...trip, validFrom: `2026-07-0${i + 1}` })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await list(racer)).body.items).toHaveLength(1);
  });

  it.each([
    ['starts in the past', { ...trip, validFrom: '2026-06-09' }, 400, 'FILING_DATES_INVALID'],
    ['ends before it starts', { ...trip, validFrom: '2026-07-10', validTo: '2026-07-09' }, 400, 'FILING_DATES_INVALID'],
    ['runs past its kind’s limit', { ...trip, kind: 'referral', validTo: '2026-09-29' }, 400, 'FILING_TOO_LONG'],
    ['a date that does not exist', { ...trip, validTo: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
    ['an unknown kind', { ...trip, kind: 'holiday' }, 400, 'VALIDATION_FAILED'],
    ['an unknown key', { ...trip, personId: 'x' }, 400, 'VALIDATION_FAILED'],
    ['an operator', { ...trip, destination: { $gt: '' } }, 400, 'VALIDATION_FAILED'],
  ])('%s is refused and stores nothing', async (_, body, status, code) => {
    const before = await app.countDocuments();
    const response = await apply(li, body);
    expect(response.status, response.text).toBe(status);
    expect(response.body.code).toBe(code);
    const after = await app.countDocuments();
    expect({ ...after, idempotency_keys: 0 }).toEqual({ ...before, idempotency_keys: 0 });
  });

  it('a referral of exactly 90 days is accepted', async () => {
    const patient = await resident(app, '孙立新');
    const response = await apply(patient, { ...trip, kind: 'referral', validTo: '2026-09-28' });
    expect(response.status, response.text).toBe(201);
  });

  it('someone else’s filing is as missing as a made-up one', async () => {
    const mine = await apply(wang, { ...trip, validFrom: '2026-12-01', validTo: '2026-12-05' });
    const foreign = await cancel(li, mine.body.id);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await cancel(li, '65f0c0ffee0000000000abcd')).status).toBe(404);
    expect((await list(wang)).body.items.find((f: { id: string }) => f.id === mine.body.id).status).toBe('active');
  });

  it('applying and cancelling are audited', async () => {
    const who = await resident(app, '钱多多');
    const created = await apply(who, trip);
    await cancel(who, created.body.id);
    expect((await auditOf(app, who.accountId)).map((e) => e.action)).toEqual([
      'insurance.filings.apply',
      'insurance.filings.cancel',
    ]);
  });
});
