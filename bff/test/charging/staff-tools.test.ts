import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portQrText } from '@warmcity/shared/api/charging';
import { newObjectId } from '../support/app';
import { base, startChargingApp, type ChargingTestApp, type TestPort } from './device-support';

let app: ChargingTestApp;
let admin: string;
let siteId: string;
let otherSiteId: string;
let staff: string;
let otherStaff: string;
const MINUTE = 60_000;

const siteBody = {
  name: '头陀镇新民村充电棚',
  town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
  address: '黄岩区头陀镇新民村文化礼堂东侧',
  location: { lng: 121.152, lat: 28.612 },
  hours: { opens: '06:00', closes: '22:00' },
  pricePerMinuteFen: 2,
  maxMinutes: 480,
  safetyNotes: ['充满即走，请勿长时间占用'],
};

const post = (token: string, path: string, body?: unknown) =>
  app.request('POST', `${base}${path}`, { token, body, headers: { 'idempotency-key': randomUUID() } });

/** Fetches raw bytes (the test client reads text). */
async function bytes(token: string, path: string) {
  const response = await fetch(`${app.url}${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

beforeAll(async () => {
  app = await startChargingApp();
  admin = app.signIn('admin').token;
  const created = await post(admin, '/staff/sites', siteBody);
  expect(created.status, created.text).toBe(201);
  siteId = created.body.id;
  otherSiteId = await app.addSite({ name: '腾蛟镇文化广场充电点' });
  staff = app.signIn('staff', [`charging-site:${siteId}`]).token;
  otherStaff = app.signIn('staff', [`charging-site:${otherSiteId}`]).token;
});
afterAll(() => app?.close());

async function createPort(label: string): Promise<TestPort> {
  const response = await post(staff, `/staff/sites/${siteId}/ports`, { label });
  expect(response.status, response.text).toBe(201);
  return {
    id: response.body.port.id,
    code: response.body.port.code,
    deviceId: response.body.deviceId,
    secret: response.body.secret,
  };
}

describe('sites', () => {
  it('an admin creates a site with the defaults; staff may not', async () => {
    const listed = await app.request('GET', `${base}/staff/sites`, { token: staff });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      id: siteId,
      name: '头陀镇新民村充电棚',
      graceMinutes: 15,
      heartbeatSeconds: 300,
      pricePerMinuteFen: 2,
      totalPorts: 0,
      freePorts: 0,
    });
    const refused = await post(staff, '/staff/sites', siteBody);
    expect(refused.status).toBe(403);
  });

  it('staff edit their site; staff of another site get 404 and nothing changes', async () => {
    const edited = await app.request('PATCH', `${base}/staff/sites/${siteId}`, {
      token: staff,
      body: { pricePerMinuteFen: 3, graceMinutes: 10, hours: { opens: '00:00', closes: '24:00' } },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ pricePerMinuteFen: 3, graceMinutes: 10, openNow: true, name: siteBody.name });

    const foreign = await app.request('PATCH', `${base}/staff/sites/${siteId}`, {
      token: otherStaff,
      body: { pricePerMinuteFen: 99 },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    const missing = await app.request('PATCH', `${base}/staff/sites/${newObjectId()}`, {
      token: staff,
      body: { pricePerMinuteFen: 1 },
    });
    expect(missing.status).toBe(404);
    const [mine] = (await app.request('GET', `${base}/staff/sites`, { token: staff })).body.items;
    expect(mine.pricePerMinuteFen).toBe(3);
    expect(
      (await app.request('GET', `${base}/staff/sites`, { token: otherStaff })).body.items.map(
        (s: { id: string }) => s.id,
      ),
    ).toEqual([otherSiteId]);
  });

  it('refuses bad site input with 400 and changes nothing', async () => {
    const before = await app.countDocuments();
    for (const body of [
      { pricePerMinuteFen: -1 },
      { pricePerMinuteFen: 1.5 },
      { pricePerMinuteFen: 101 },
      { graceMinutes: 0 },
      { maxMinutes: 24 * 60 + 1 },
      { heartbeatSeconds: 5 },
      { hours: { opens: '25:00', closes: '22:00' } },
      { location: { lng: 181, lat: 28 } },
      { location: { lng: 'east', lat: 28 } },
      { name: { $gt: '' } },
      { booked: 0 },
    ]) {
      const response = await app.request('PATCH', `${base}/staff/sites/${siteId}`, { token: staff, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await app.countDocuments()).toEqual(before);
    const [mine] = (await app.request('GET', `${base}/staff/sites`, { token: staff })).body.items;
    expect(mine).toMatchObject({ pricePerMinuteFen: 3, graceMinutes: 10 });
  });
});

describe('ports and their devices', () => {
  it('creates a port with a code and device credentials shown once; the device signs with them', async () => {
    const port = await createPort('A-01');
    expect(port.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(port.secret.length).toBeGreaterThanOrEqual(43);
    const stored = await app.port(port.id);
    expect(JSON.stringify(stored)).not.toContain(port.secret);
    expect((await app.send(port, { action: 'Heartbeat' })).status).toBe(200);

    const listed = await app.request('GET', `${base}/staff/sites/${siteId}/ports`, { token: staff });
    expect(listed.body.items).toEqual([
      {
        id: port.id,
        siteId,
        code: port.code,
        label: 'A-01',
        status: 'free',
        outOfService: false,
        deviceId: port.deviceId,
        connectorStatus: 'Available',
        faultCode: null,
        plugged: false,
        lastHeartbeatAt: app.clock.now().toISOString(),
      },
    ]);
    expect(listed.text).not.toContain(port.secret);
  });

  it('a reset secret replaces the old one at once', async () => {
    const port = await createPort('A-02');
    const reset = await post(staff, `/staff/ports/${port.id}/device-secret`);
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body.secret).not.toBe(port.secret);
    const old = await app.send(port, { action: 'Heartbeat' });
    expect(old.status).toBe(401);
    expect((await app.send({ ...port, secret: reset.body.secret }, { action: 'Heartbeat' })).status).toBe(200);
  });

  it('out of service cancels the reservation on it and refuses new ones; back in service frees it', async () => {
    const port = await createPort('A-03');
    const token = app.resident();
    const reserved = await app.reserve(token, siteId, port.id);
    const out = await app.request('PATCH', `${base}/staff/ports/${port.id}`, {
      token: staff,
      body: { outOfService: true, label: 'A-03（维修）' },
    });
    expect(out.status, out.text).toBe(200);
    expect(out.body).toMatchObject({ status: 'out_of_service', outOfService: true, label: 'A-03（维修）' });
    const charge = await app.request('GET', `${base}/charges/${reserved.body.id}`, { token });
    expect(charge.body).toMatchObject({ status: 'cancelled', endReason: 'out_of_service' });
    const refused = await post(app.resident(), '/charges', { siteId, portId: port.id });
    expect(refused.body.code).toBe('PORT_OUT_OF_ORDER');
    // A device reporting Available does not bring it back: staff took it out.
    await app.send(port, {
      action: 'StatusNotification',
      status: 'Available',
      timestamp: app.clock.now().toISOString(),
    });
    expect(await app.port(port.id)).toMatchObject({ capacity: 0 });

    const back = await app.request('PATCH', `${base}/staff/ports/${port.id}`, {
      token: staff,
      body: { outOfService: false },
    });
    expect(back.body).toMatchObject({ status: 'free', outOfService: false });
    await app.reserve(app.resident(), siteId, port.id);
  });

  it('answers staff of another site 404 on every port and site tool, changing nothing', async () => {
    const port = await createPort('A-04');
    const before = { counts: await app.countDocuments(), port: await app.port(port.id) };
    const calls: [string, string, unknown?][] = [
      ['GET', `/staff/sites/${siteId}/ports`],
      ['POST', `/staff/sites/${siteId}/ports`, { label: 'X' }],
      ['PATCH', `/staff/ports/${port.id}`, { outOfService: true }],
      ['POST', `/staff/ports/${port.id}/device-secret`],
      ['GET', `/staff/ports/${port.id}/qr.png`],
      ['GET', `/staff/sites/${siteId}/qr.pdf`],
      ['GET', `/staff/sites/${siteId}/today`],
      ['GET', `/staff/ports/${newObjectId()}/qr.png`],
    ];
    for (const [method, path, body] of calls) {
      const response = await app.request(method, `${base}${path}`, {
        token: otherStaff,
        body,
        headers: method === 'POST' ? { 'idempotency-key': randomUUID() } : {},
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect({ counts: await app.countDocuments(), port: await app.port(port.id) }).toEqual(before);
    const resident = await app.request('GET', `${base}/staff/sites/${siteId}/ports`, { token: app.resident() });
    expect(resident.status).toBe(403);
  });
});

describe('printable QR codes', () => {
  it("serves a port's QR as a PNG and the site's sheet as a PDF of one A4 page per twelve ports", async () => {
    const port = await createPort('B-01');
    const png = await bytes(staff, `/staff/ports/${port.id}/qr.png`);
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(await sharp(png.body).metadata()).toMatchObject({ format: 'png', width: 600, height: 600 });
    expect(portQrText(port.code)).toBe(`https://warmcity.cn/charging/port/${port.code}`);

    const count = async () =>
      (await app.request('GET', `${base}/staff/sites/${siteId}/ports`, { token: staff })).body.items.length as number;
    // Thirteen ports: a full page of twelve and one on the second.
    for (let n = await count(); n < 13; n += 1) await createPort(`B-${n}`);
    expect(await count()).toBe(13);
    const pdf = await bytes(staff, `/staff/sites/${siteId}/qr.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdf.body.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
  });
});

describe("today's occupancy and usage", () => {
  it('counts ports by status now and the sessions that ended today with their minutes, energy and revenue', async () => {
    const site = await app.addSite({ name: '泾港花苑3号充电区', pricePerMinuteFen: 4 });
    const operator = app.signIn('staff', [`charging-site:${site}`]).token;
    const [a, b, c] = [await app.addPort(site), await app.addPort(site), await app.addPort(site)];
    const token = app.resident();
    const started = await app.start(token, a.code);
    await app.send(a, { action: 'MeterValues', meterWh: 0, timestamp: app.clock.now().toISOString() });
    const startedAt = app.clock.now().getTime();
    app.clock.set(new Date(startedAt + 20 * MINUTE));
    await app.send(a, { action: 'MeterValues', meterWh: 130, timestamp: app.clock.now().toISOString() });
    app.clock.set(new Date(startedAt + 20 * MINUTE + 10_000));
    const stopped = await app.request('POST', `${base}/charges/${started.body.id}/stop`, { token });
    expect(stopped.body).toMatchObject({ minutes: 21, costFen: 84 });
    await app.reserve(app.resident(), site, b.id);
    await app.send(c, {
      action: 'StatusNotification',
      status: 'Faulted',
      errorCode: 'OtherError',
      timestamp: app.clock.now().toISOString(),
    });

    const today = await app.request('GET', `${base}/staff/sites/${site}/today`, { token: operator });
    expect(today.status, today.text).toBe(200);
    expect(today.body).toEqual({
      siteId: site,
      date: '2030-05-06',
      occupancy: { total: 3, free: 1, reserved: 1, charging: 0, fault: 1, offline: 0, outOfService: 0 },
      usage: { sessions: 1, minutes: 21, energyWh: 130, revenueFen: 84, noShows: 0 },
    });
  });
});
