import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, resident, startInsuranceApp, writeRows, type InsuranceApp, type Resident } from './support';

let app: InsuranceApp;
let owner: Resident;
let spouse: Resident;
let outsider: Resident;
beforeAll(async () => {
  app = await startInsuranceApp();
  owner = await resident(app, '王建国');
  spouse = await resident(app, '李晓梅');
  outsider = await resident(app, '陈志强');
  await writeRows(app, 'contributions', [
    {
      idNumber: owner.idNumber,
      period: '2026-01',
      baseFen: 900000,
      employerFen: 58500,
      personalFen: 18000,
      status: 'paid',
    },
  ]);
  await writeRows(app, 'maternity-stages', [
    { idNumber: owner.idNumber, caseNo: 'SY-F-1', stage: 'registered', at: '2026-02-01T00:00:00Z' },
  ]);
});
afterAll(() => app?.close());

const ask = (who: Resident, body: object) =>
  app.request('POST', '/api/insurance/me/family', {
    token: who.token,
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
const family = (who: Resident) => app.request('GET', '/api/insurance/me/family', { token: who.token });
const confirm = (who: Resident, id: string) =>
  app.request('POST', `/api/insurance/me/family/${id}/confirm`, { token: who.token });
const unbind = (who: Resident, id: string) =>
  app.request('DELETE', `/api/insurance/me/family/${id}`, { token: who.token });
const masked = (r: Resident) => `${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}`;

describe('家庭共济', () => {
  it('the owner asks, only the relative confirms, and either side unbinds', async () => {
    const asked = await ask(owner, { relation: 'spouse', name: spouse.name, idNumber: spouse.idNumber });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      role: 'owner',
      relation: 'spouse',
      status: 'pending',
      otherMaskedName: '李**',
      otherMaskedIdNumber: masked(spouse),
      sharedAccount: { insuranceType: 'employee', status: 'active' },
      requestedAt: '2026-06-10T02:00:00.000Z',
      confirmedAt: null,
    });
    const id = asked.body.id as string;

    expect((await confirm(owner, id)).status).toBe(404);
    expect((await confirm(outsider, id)).status).toBe(404);
    expect((await unbind(outsider, id)).status).toBe(404);

    const confirmed = await confirm(spouse, id);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({
      role: 'relative',
      status: 'bound',
      otherMaskedName: '王**',
      otherMaskedIdNumber: masked(owner),
    });
    expect((await family(owner)).body.items.map((l: { status: string }) => l.status)).toEqual(['bound']);
    expect((await family(outsider)).body.items).toEqual([]);

    const again = await ask(owner, { relation: 'spouse', name: spouse.name, idNumber: spouse.idNumber });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FAMILY_LINK_EXISTS');

    expect((await unbind(spouse, id)).status).toBe(200);
    expect((await family(owner)).body.items).toEqual([]);
    expect((await unbind(owner, id)).status).toBe(404);

    // Each side's own actions are in its own trail; refused ones (the 404s, the duplicate) are not.
    expect((await auditOf(app, owner.accountId)).map((e) => e.action)).toEqual([
      'insurance.family.ask',
      'insurance.family.read',
      'insurance.family.read',
    ]);
    expect((await auditOf(app, spouse.accountId)).map((e) => e.action)).toEqual([
      'insurance.family.confirm',
      'insurance.family.unbind',
    ]);
    expect((await auditOf(app, outsider.accountId)).map((e) => e.action)).toEqual(['insurance.family.read']);
  });

  it('a bound relative sees only the shared-account facts, never the owner’s contributions or maternity', async () => {
    const asked = await ask(owner, { relation: 'spouse', name: spouse.name, idNumber: spouse.idNumber });
    await confirm(spouse, asked.body.id);
    const seen = await family(spouse);
    expect(Object.keys(seen.body.items[0]).sort()).toEqual(
      [
        'confirmedAt',
        'id',
        'otherMaskedIdNumber',
        'otherMaskedName',
        'relation',
        'requestedAt',
        'role',
        'sharedAccount',
        'status',
      ].sort(),
    );
    // Every read is of the caller's own record: the relative's contributions and maternity are theirs, empty.
    expect(
      (await app.request('GET', '/api/insurance/me/contributions?year=2026', { token: spouse.token })).body.items,
    ).toEqual([]);
    expect((await app.request('GET', '/api/insurance/me/maternity', { token: spouse.token })).body.items).toEqual([]);
    const ownerOwn = await app.request('GET', '/api/insurance/me/contributions?year=2026', { token: owner.token });
    expect(ownerOwn.body.items).toHaveLength(1);
    for (const text of app.responses.slice(-3, -1)) expect(text).not.toContain('58500');
    // The owner's audit trail shows no read by the relative.
    expect((await auditOf(app, owner.accountId)).every((e) => e.actor?.toHexString() === owner.accountId)).toBe(true);
  });

  it.each([
    [
      'a wrong name',
      () => ({ relation: 'parent', name: '王大', idNumber: outsider.idNumber }),
      404,
      'RELATIVE_NOT_FOUND',
    ],
    [
      'a bad check digit',
      () => ({
        relation: 'parent',
        name: outsider.name,
        idNumber: `${outsider.idNumber.slice(0, 17)}${outsider.idNumber[17] === '0' ? '1' : '0'}`,
      }),
      400,
      'INVALID_ID_NUMBER',
    ],
    ['oneself', () => ({ relation: 'child', name: owner.name, idNumber: owner.idNumber }), 400, 'FAMILY_SELF'],
    [
      'an unknown relation',
      () => ({ relation: 'friend', name: outsider.name, idNumber: outsider.idNumber }),
      400,
      'VALIDATION_FAILED',
    ],
  ])('%s is refused', async (_, body, status, code) => {
    const response = await ask(owner, body());
    expect(response.status, response.text).toBe(status);
    expect(response.body.code).toBe(code);
  });
});
