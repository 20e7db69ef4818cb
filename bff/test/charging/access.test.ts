import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargingAccountData } from '../../src/features/charging/account-data';
import { newObjectId } from '../support/app';
import { base, startChargingApp, type ChargingTestApp, type TestSite } from './support';

let app: ChargingTestApp;
let site: TestSite;
let otherSite: TestSite;
beforeAll(async () => {
  app = await startChargingApp();
  site = await app.createSite({ ports: 3 });
  otherSite = await app.createSite({ ports: 1 });
});
afterAll(() => app?.close());

describe("another resident's charges", () => {
  it('answer 404 to reads, cancels and stops, and nothing changes', async () => {
    const owner = app.resident();
    const stranger = app.resident();
    const reserved = await app.reserve(owner, { siteId: site.siteId, portId: site.ports[0]!.id });
    const started = await app.start(app.resident(), site.ports[1]!.code);
    const before = await app.countDocuments();
    for (const id of [reserved.body.id, started.body.id, newObjectId()]) {
      for (const response of [
        await app.request('GET', `${base}/charges/${id}`, { token: stranger }),
        await app.post(stranger, `/charges/${id}/cancel`),
        await app.post(stranger, `/charges/${id}/stop`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
    }
    expect(await app.countDocuments()).toEqual(before);
    expect((await app.request('GET', `${base}/charges/${reserved.body.id}`, { token: owner })).body.status).toBe(
      'reserved',
    );
    expect((await app.request('GET', `${base}/me/charges?include=all`, { token: stranger })).body.items).toEqual([]);
    expect((await app.request('GET', `${base}/me/active`, { token: stranger })).body.charge).toBeNull();
  });
});

describe('bad input', () => {
  it('unknown sites, ports and codes are 404; a port of another site is 404; nothing is stored', async () => {
    const token = app.resident();
    const before = await app.countDocuments();
    const cases = [
      await app.reserve(token, { siteId: newObjectId() }),
      await app.reserve(token, { siteId: site.siteId, portId: newObjectId() }),
      await app.reserve(token, { siteId: site.siteId, portId: otherSite.ports[0]!.id }),
      await app.start(token, 'ZZZZ2222'),
      await app.request('GET', `${base}/ports/by-code/ZZZZ2222`),
      await app.request('GET', `${base}/sites/${newObjectId()}`),
    ];
    expect(cases.map((r) => [r.status, r.body.code])).toEqual(cases.map(() => [404, 'NOT_FOUND']));
    expect(await app.countDocuments()).toEqual(before);
  });

  it.each([
    ['a malformed port code', { code: 'I0O1' }, 'body.code'],
    ['an operator for the code', { code: { $gt: '' } }, 'body.code'],
    ['an unknown key', { code: 'ZZZZ2222', portId: newObjectId() }, 'body.portId'],
  ])('start refuses %s with 400 and stores nothing', async (_, body, path) => {
    const before = await app.countDocuments();
    const response = await app.request('POST', `${base}/charges/start`, {
      token: app.resident(),
      body,
      headers: { 'idempotency-key': newObjectId() },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await app.countDocuments()).toEqual(before);
  });

  it.each([
    ['an operator for the site', { siteId: { $ne: null } }, 'body.siteId'],
    ['a port id that is not an id', { siteId: newObjectId(), portId: 'port-1' }, 'body.portId'],
    ['mass assignment', { siteId: newObjectId(), pricePerMinuteFen: 0 }, 'body.pricePerMinuteFen'],
  ])('reserve refuses %s with 400 and stores nothing', async (_, body, path) => {
    const before = await app.countDocuments();
    const response = await app.reserve(app.resident(), body as { siteId: string });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await app.countDocuments()).toEqual(before);
  });

  it('looks a typed code up case-insensitively, with the price before anything starts', async () => {
    const lookup = await app.request('GET', `${base}/ports/by-code/${site.ports[2]!.code.toLowerCase()}`);
    expect(lookup.status, lookup.text).toBe(200);
    expect(lookup.body).toMatchObject({
      site: { id: site.siteId, pricePerMinuteFen: 3, maxMinutes: 240 },
      port: { id: site.ports[2]!.id, label: '3号', status: 'free', mine: false },
    });
  });
});

describe('account deletion', () => {
  it('frees the port of a deleted account and exports its charges', async () => {
    const { token, user } = app.signIn('resident');
    const reserved = await app.reserve(token, { siteId: otherSite.siteId });
    expect(reserved.status).toBe(201);
    const exported = (await chargingAccountData.exportData(user.id, app.deps)) as { charges: { id: string }[] };
    expect(exported.charges.map((c) => c.id)).toEqual([reserved.body.id]);
    await chargingAccountData.onAccountDeleted(user.id, app.deps);
    await chargingAccountData.onAccountDeleted(user.id, app.deps);
    expect(await app.portState(otherSite.ports[0]!.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });
  });
});
