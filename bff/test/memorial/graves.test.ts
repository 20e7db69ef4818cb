import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextWindow } from '../support/app';
import { base, memorialBody, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
beforeAll(async () => {
  app = await startMemorialApp();
});
afterAll(() => app?.close());

const find = (query: string, token?: string) => app.request('GET', `${base}/graves?${query}`, token ? { token } : {});
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);

async function invite(owner: string, memorialId: string) {
  const relative = app.resident();
  const { body } = await app.post(owner, `/memorials/${memorialId}/invites`);
  expect((await app.post(relative, '/invites/accept', { code: body.code })).status).toBe(200);
  return relative;
}

describe('墓穴信息: grave lookup', () => {
  it('by certificate number: whoever holds it and is signed in finds the plot; nothing else is found', async () => {
    const owner = app.resident();
    const family = await app.createMemorial(owner, { name: '陈福生', certificateNumber: 'SH-G-0001' });
    await app.post(owner, '/memorials', {
      ...memorialBody(app.cemeteryId, { name: '待审', certificateNumber: 'SH-G-0002' }),
    });

    const found = await find(q({ certificateNumber: 'SH-G-0001' }), app.resident());
    expect(found.status, found.text).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        id: family.id,
        code: family.code,
        name: '陈福生',
        plot: { area: '松区', row: '3', number: '12', wayfinding: '东门进，主道右手第三排。' },
      }),
    ]);
    expect(found.text).not.toContain('孙子');
    expect((await find(q({ certificateNumber: 'SH-G-0002' }), app.resident())).body.items).toEqual([]);
    expect((await find(q({ certificateNumber: 'SH-G-9999' }), app.resident())).body.items).toEqual([]);
    const anonymous = await find(q({ certificateNumber: 'SH-G-0001' }));
    expect(anonymous.status).toBe(401);
  });

  it('by name and death date: the owner and invited relatives find a family plot; strangers and the revoked do not', async () => {
    const owner = app.resident();
    const family = await app.createMemorial(owner, { name: '陈桂英', deathDate: '2020-03-03' });
    const relative = await invite(owner, family.id);
    const byName = q({ name: '陈桂英', deathDate: '2020-03-03' });

    expect(ids(await find(byName, owner))).toEqual([family.id]);
    expect(ids(await find(byName, relative))).toEqual([family.id]);
    expect(ids(await find(byName, app.resident()))).toEqual([]);
    expect(ids(await find(byName))).toEqual([]);
    // Without the death date a name reaches public memorials only.
    expect(ids(await find(q({ name: '陈桂英' }), relative))).toEqual([]);
    expect(ids(await find(q({ name: '陈桂英', deathDate: '2020-03-04' }), relative))).toEqual([]);

    const relatives = await app.request('GET', `${base}/memorials/${family.id}/relatives`, { token: owner });
    const [row] = relatives.body.items;
    await app.request('DELETE', `${base}/memorials/${family.id}/relatives/${row.id}`, { token: owner });
    expect(ids(await find(byName, relative))).toEqual([]);
  });

  it('strangers find public memorials by name, with or without the date', async () => {
    const martyr = await app.createMemorial(app.resident(), {
      name: '示例英烈',
      visibility: 'public',
      birthDate: '1920-01-01',
      deathDate: '1949-04-12',
    });
    expect(ids(await find(q({ name: '示例英烈' })))).toEqual([martyr.id]);
    expect(ids(await find(q({ name: '示例英烈', deathDate: '1949-04-12' }), app.resident()))).toEqual([martyr.id]);
  });

  it('certificate lookups are limited per account, so numbers cannot be walked', async () => {
    startNextWindow(app.clock, 3_600_000);
    const walker = app.resident();
    for (let n = 1; n <= 10; n += 1) {
      expect((await find(q({ certificateNumber: `SH-W-${n}` }), walker)).status).toBe(200);
    }
    const over = await find(q({ certificateNumber: 'SH-W-11' }), walker);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('RATE_LIMITED');
    expect((await find(q({ certificateNumber: 'SH-W-11' }), app.resident())).status).toBe(200);
  });

  it('refuses a lookup with both keys, neither, a stray date, unknown keys or operators', async () => {
    const token = app.resident();
    for (const query of [
      q({ certificateNumber: 'SH-1', name: '陈' }),
      '',
      q({ certificateNumber: 'SH-1', deathDate: '2020-01-01' }),
      q({ name: '陈', deathDate: '2020-02-31' }),
      q({ name: '陈', ownerId: 'x' }),
      'certificateNumber[$gt]=',
      q({ name: ' ' }),
    ]) {
      const response = await find(query, token);
      expect(response.status, query).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
