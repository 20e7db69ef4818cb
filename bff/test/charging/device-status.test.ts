import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portHeartbeats } from '../../src/features/charging/device-sweepers';
import { Notifications } from '../../src/platform/notifications/notification.model';
import { base, startChargingApp, type ChargingTestApp, type TestPort } from './device-support';

let app: ChargingTestApp;
let siteId: string;
const MINUTE = 60_000;

beforeAll(async () => {
  app = await startChargingApp();
  siteId = await app.addSite({ pricePerMinuteFen: 5, heartbeatSeconds: 300 });
});
afterAll(() => app?.close());

const status = (port: TestPort, value: string, at = app.clock.now(), errorCode?: string) =>
  app.send(port, {
    action: 'StatusNotification',
    status: value,
    timestamp: at.toISOString(),
    ...(errorCode ? { errorCode } : {}),
  });
const meter = (port: TestPort, meterWh: number, at = app.clock.now()) =>
  app.send(port, { action: 'MeterValues', meterWh, timestamp: at.toISOString() });
const charge = async (token: string, id: string) =>
  (await app.request('GET', `${base}/charges/${id}`, { token })).body as Record<string, unknown>;
const gridStatus = async (portId: string) => {
  const site = await app.request('GET', `${base}/sites/${siteId}`);
  return (site.body.ports as { id: string; status: string }[]).find((p) => p.id === portId)?.status;
};

// First in the file: the sweeper looks at every port, so no other test's port may have beaten yet.
describe('heartbeat timeout', () => {
  it("takes a silent port offline after the site's interval, cancels its reservation, and a beat brings it back", async () => {
    const port = await app.addPort(siteId);
    const quiet = await app.addPort(siteId);
    const beat = await app.send(port, { action: 'Heartbeat' });
    expect(beat.body.interval).toBe(100);
    await app.send(quiet, { action: 'Heartbeat' });
    const token = app.resident();
    const reserved = await app.reserve(token, siteId, port.id);
    const lastBeat = app.clock.now().getTime();

    app.clock.set(new Date(lastBeat + 290_000));
    await app.send(quiet, { action: 'Heartbeat' });
    app.clock.set(new Date(lastBeat + 299_000));
    await portHeartbeats.tick(app.deps);
    expect(await app.port(port.id)).toMatchObject({ offline: false, capacity: 1 });

    app.clock.set(new Date(lastBeat + 301_000));
    // Two instances racing: the port goes offline once, its holder is told once.
    const reports = await Promise.all([portHeartbeats.tick(app.deps), portHeartbeats.tick(app.deps)]);
    expect(reports.reduce((n, r) => n + r.offline, 0)).toBe(1);
    const inbox = await app.request('GET', '/api/notifications', { token });
    expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'charging_cancelled')).toHaveLength(1);
    expect(await app.port(port.id)).toMatchObject({ offline: true, capacity: 0 });
    expect(await app.port(quiet.id)).toMatchObject({ offline: false, capacity: 1 });
    expect(await gridStatus(port.id)).toBe('offline');
    expect(await charge(token, reserved.body.id)).toMatchObject({ status: 'cancelled', endReason: 'offline' });

    const back = await app.send(port, { action: 'Heartbeat' });
    expect(back.status).toBe(200);
    expect(await app.port(port.id)).toMatchObject({ offline: false, capacity: 1 });
    expect(await gridStatus(port.id)).toBe('free');
  });

  it('ends what a dead request left on a port out of use', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const reserved = await app.reserve(token, siteId, port.id);
    // A fault whose request died after the capacity went to 0, before the reservation ended.
    await app.connection
      .collection('charging_ports')
      .updateOne({ _id: new Types.ObjectId(port.id) }, { $set: { capacity: 0, connectorStatus: 'Faulted' } });
    const report = await portHeartbeats.tick(app.deps);
    expect(report.ended).toBeGreaterThanOrEqual(1);
    expect(await charge(token, reserved.body.id)).toMatchObject({ status: 'cancelled', endReason: 'fault' });
  });
});

describe('status notifications', () => {
  it('answers a reserved port its reservation; plugging in keeps it; a cable pulled before the start keeps it too', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const reserved = await app.reserve(token, siteId, port.id);
    const plugged = await status(port, 'Preparing');
    expect(plugged.status, plugged.text).toBe(200);
    expect(plugged.body).toMatchObject({
      reservation: { id: reserved.body.id, expiryDate: reserved.body.holdExpiresAt },
      charging: false,
    });
    expect(await app.port(port.id)).toMatchObject({ plugged: true, connectorStatus: 'Preparing' });
    await status(port, 'Available');
    expect(await charge(token, reserved.body.id)).toMatchObject({ status: 'reserved' });
    expect(await app.port(port.id)).toMatchObject({ plugged: false, connectorStatus: 'Available' });
  });

  it('a fault cancels the reservation, tells the resident at once (urgent), and the port refuses until it recovers', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const reserved = await app.reserve(token, siteId, port.id);

    const faulted = await status(port, 'Faulted', app.clock.now(), 'GroundFailure');
    expect(faulted.status, faulted.text).toBe(200);
    expect(faulted.body).toMatchObject({ reservation: null, charging: false });
    expect(await charge(token, reserved.body.id)).toMatchObject({ status: 'cancelled', endReason: 'fault' });
    expect(await app.port(port.id)).toMatchObject({
      capacity: 0,
      connectorStatus: 'Faulted',
      faultCode: 'GroundFailure',
    });
    expect(await gridStatus(port.id)).toBe('fault');

    const inbox = await app.request('GET', '/api/notifications', { token });
    const told = inbox.body.items.filter((n: { kind: string }) => n.kind === 'charging_cancelled');
    expect(told).toHaveLength(1);
    const stored = await Notifications(app.connection).findOne({
      kind: 'charging_cancelled',
      _id: new Types.ObjectId(told[0].id),
    });
    expect(stored?.urgent).toBe(true);

    const refused = await app.request('POST', `${base}/charges`, {
      token: app.resident(),
      body: { siteId, portId: port.id },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PORT_OUT_OF_ORDER');

    // The same fault reported again (a retry) tells nobody twice.
    await status(port, 'Faulted', app.clock.now(), 'GroundFailure');
    const again = await app.request('GET', '/api/notifications', { token });
    expect(again.body.items.filter((n: { kind: string }) => n.kind === 'charging_cancelled')).toHaveLength(1);

    const recovered = await status(port, 'Available');
    expect(recovered.status).toBe(200);
    expect(await app.port(port.id)).toMatchObject({ capacity: 1, connectorStatus: 'Available', faultCode: null });
    expect(await gridStatus(port.id)).toBe('free');
    await app.reserve(app.resident(), siteId, port.id);
  });

  it('a port reporting itself Unavailable shows as out of order and refuses, like a fault', async () => {
    const port = await app.addPort(siteId);
    await status(port, 'Unavailable');
    expect(await app.port(port.id)).toMatchObject({ capacity: 0, connectorStatus: 'Unavailable' });
    expect(await gridStatus(port.id)).toBe('fault');
    await status(port, 'Available');
    expect(await gridStatus(port.id)).toBe('free');
  });

  it('a fault during charging stops the session at the fault and bills only the minutes charged', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const started = await app.start(token, port.code);
    const startedAt = app.clock.now().getTime();
    expect((await status(port, 'Charging')).body).toMatchObject({ charging: true, reservation: null });

    app.clock.set(new Date(startedAt + 10 * MINUTE));
    await meter(port, 80);
    // The fault happened at 10:30 into the session; the message only arrives at 25:00.
    const faultAt = new Date(startedAt + 10 * MINUTE + 30_000);
    app.clock.set(new Date(startedAt + 25 * MINUTE));
    const faulted = await status(port, 'Faulted', faultAt, 'OverCurrentFailure');
    expect(faulted.body).toMatchObject({ charging: false });

    expect(await charge(token, started.body.id)).toMatchObject({
      status: 'completed',
      endReason: 'fault',
      endedAt: faultAt.toISOString(),
      seconds: 630,
      minutes: 11,
      costFen: 55,
      energyWh: 80,
    });
  });

  it('pulling the plug during charging ends the session, billed to the moment it was pulled', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const started = await app.start(token, port.code);
    const startedAt = app.clock.now().getTime();
    await status(port, 'Charging');
    app.clock.set(new Date(startedAt + 3 * MINUTE));
    await meter(port, 20);
    app.clock.set(new Date(startedAt + 4 * MINUTE));
    const unplugged = await status(port, 'Available');
    expect(unplugged.body).toMatchObject({ charging: false });
    expect(await charge(token, started.body.id)).toMatchObject({
      status: 'completed',
      endReason: 'unplugged',
      seconds: 240,
      minutes: 4,
      costFen: 20,
      energyWh: 20,
    });
    expect(await gridStatus(port.id)).toBe('free');
  });
});

describe('meter values', () => {
  it('show on the live session, in Wh, and a late smaller reading never lowers them', async () => {
    const port = await app.addPort(siteId);
    const token = app.resident();
    const started = await app.start(token, port.code);
    const startedAt = app.clock.now().getTime();
    app.clock.set(new Date(startedAt + 2 * MINUTE));
    expect((await meter(port, 15)).body).toMatchObject({ charging: true });
    app.clock.set(new Date(startedAt + 4 * MINUTE));
    await meter(port, 30);
    await meter(port, 14, new Date(startedAt + 2 * MINUTE - 5000));
    expect(await charge(token, started.body.id)).toMatchObject({ status: 'charging', energyWh: 30 });
    // A reading on a port with no session changes nothing.
    const idle = await app.addPort(siteId);
    expect((await meter(idle, 999)).status).toBe(200);
    await app.request('POST', `${base}/charges/${started.body.id}/stop`, { token });
  });
});
