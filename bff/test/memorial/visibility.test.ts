import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, memorialBody, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
beforeAll(async () => {
  app = await startMemorialApp();
});
afterAll(() => app?.close());

const MISSING_CODE = 'zzzzzzzzzz';

/** A hidden memorial answers exactly as one that does not exist, by id and by code. */
async function looksMissing(token: string | undefined, memorial: { id: string; code: string }) {
  const options = token ? { token } : {};
  const [byId, missingId, byCode, missingCode, messages] = await Promise.all([
    app.request('GET', `${base}/memorials/${memorial.id}`, options),
    app.request('GET', `${base}/memorials/${newObjectId()}`, options),
    app.request('GET', `${base}/codes/${memorial.code}`, options),
    app.request('GET', `${base}/codes/${MISSING_CODE}`, options),
    app.request('GET', `${base}/codes/${memorial.code}/messages`, options),
  ]);
  expect(byId.status).toBe(404);
  expect(byId.body).toEqual(missingId.body);
  expect(byCode.status).toBe(404);
  expect(byCode.body).toEqual(missingCode.body);
  expect(messages.status).toBe(404);
}

describe('family memorials', () => {
  it('are invisible to strangers, visible to invited relatives, invisible again once revoked', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner, { visibility: 'family' });
    const relative = app.resident();

    await looksMissing(undefined, memorial);
    await looksMissing(app.resident(), memorial);
    await looksMissing(relative, memorial);
    const stranger = app.resident();
    const refused = await app.tribute(stranger, memorial.code, { kind: 'flower' });
    expect(refused.status).toBe(404);

    const invite = await app.post(owner, `/memorials/${memorial.id}/invites`);
    expect(invite.status, invite.text).toBe(201);
    const joined = await app.post(relative, '/invites/accept', { code: invite.body.code });
    expect(joined.status, joined.text).toBe(200);
    expect(joined.body).toMatchObject({ id: memorial.id, mine: false, visibility: 'family' });
    // One invite admits one account.
    expect((await app.post(app.resident(), '/invites/accept', { code: invite.body.code })).status).toBe(404);

    const seen = await app.request('GET', `${base}/codes/${memorial.code}`, { token: relative });
    expect(seen.status).toBe(200);
    expect((await app.tribute(relative, memorial.code, { kind: 'candle' })).status).toBe(201);
    const mine = await app.request('GET', `${base}/me/memorials`, { token: relative });
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([memorial.id]);

    const relatives = await app.request('GET', `${base}/memorials/${memorial.id}/relatives`, { token: owner });
    expect(relatives.body.items).toHaveLength(1);
    // Nobody but the owner may list or revoke.
    expect((await app.request('GET', `${base}/memorials/${memorial.id}/relatives`, { token: relative })).status).toBe(
      404,
    );
    const revokePath = `${base}/memorials/${memorial.id}/relatives/${relatives.body.items[0].id}`;
    expect((await app.request('DELETE', revokePath, { token: relative })).status).toBe(404);
    expect((await app.request('DELETE', revokePath, { token: owner })).status).toBe(200);

    await looksMissing(relative, memorial);
    expect((await app.tribute(relative, memorial.code, { kind: 'flower' })).status).toBe(404);
    const owned = await app.request('GET', `${base}/memorials/${memorial.id}`, { token: owner });
    expect(owned.body).toMatchObject({ mine: true, totals: { candle: 1, all: 1 } });
  });

  it('are never listed', async () => {
    await app.createMemorial(app.resident(), { visibility: 'family', name: '家族隐藏' });
    const listed = await app.request('GET', `${base}/memorials?q=${encodeURIComponent('家族隐藏')}`);
    expect(listed.body.items).toEqual([]);
  });
});

describe('link memorials', () => {
  it('open by code for anyone, never by id for a stranger, and are never listed', async () => {
    const memorial = await app.createMemorial(app.resident(), { visibility: 'link', name: '链接可见' });
    const stranger = app.resident();
    const byCode = await app.request('GET', `${base}/codes/${memorial.code}`, { token: stranger });
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ name: '链接可见', plot: { area: '松区', row: '3', number: '12' } });
    expect((await app.request('GET', `${base}/codes/${memorial.code}`)).status).toBe(200);
    expect((await app.request('GET', `${base}/memorials/${memorial.id}`, { token: stranger })).status).toBe(404);
    expect((await app.request('GET', `${base}/memorials?q=${encodeURIComponent('链接')}`)).body.items).toEqual([]);
    expect((await app.tribute(stranger, memorial.code, { kind: 'incense' })).status).toBe(201);
  });
});

describe('memorials awaiting approval', () => {
  it('are invisible to everyone but their owner and the cemetery’s staff', async () => {
    const owner = app.resident();
    const created = await app.post(owner, '/memorials', {
      cemeteryId: app.cemeteryId,
      name: '待审核',
      birthDate: '1950-01-01',
      deathDate: '2020-01-01',
      plot: { area: '松区', row: '1', number: '1' },
      visibility: 'public',
      relation: '女儿',
      certificateNumber: 'SH-1',
    });
    expect(created.body.status).toBe('pending');
    const memorial = { id: created.body.id as string, code: created.body.code as string };
    await looksMissing(app.resident(), memorial);
    await looksMissing(app.otherStaff, memorial);
    expect((await app.request('GET', `${base}/memorials/${memorial.id}`, { token: owner })).status).toBe(200);
    expect((await app.request('GET', `${base}/memorials/${memorial.id}`, { token: app.staff })).status).toBe(200);

    const foreign = await app.post(app.otherStaff, `/staff/memorials/${memorial.id}/review`, { decision: 'approve' });
    const missing = await app.post(app.otherStaff, `/staff/memorials/${newObjectId()}/review`, { decision: 'approve' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await app.request('GET', `${base}/memorials/${memorial.id}`, { token: owner })).body.status).toBe(
      'pending',
    );
  });

  it('staff of its cemetery, and only they, see a memorial awaiting review with what to check', async () => {
    const created = await app.post(app.resident(), '/memorials', memorialBody(app.cemeteryId, { name: '待核对' }));
    const path = `${base}/staff/cemeteries/${app.cemeteryId}/pending-memorials`;
    const listed = await app.request('GET', path, { token: app.staff });
    expect(listed.body.items.filter((m: { name: string }) => m.name === '待核对')).toEqual([
      expect.objectContaining({ id: created.body.id, relation: '孙子', certificateNumber: 'SH-2019-0312' }),
    ]);
    const foreign = await app.request('GET', path, { token: app.otherStaff });
    expect(foreign.status).toBe(404);
    await app.post(app.staff, `/staff/memorials/${created.body.id}/review`, { decision: 'approve' });
    const after = await app.request('GET', path, { token: app.staff });
    expect(after.body.items.map((m: { id: string }) => m.id)).not.toContain(created.body.id);
  });

  it('a memorial is reviewed once: reviewing it again is refused and changes nothing', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner, { visibility: 'public' });
    const again = await app.post(app.staff, `/staff/memorials/${memorial.id}/review`, { decision: 'reject' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEMORIAL_NOT_PENDING');
    expect((await app.request('GET', `${base}/memorials/${memorial.id}`, { token: owner })).body.status).toBe(
      'approved',
    );
  });
});
