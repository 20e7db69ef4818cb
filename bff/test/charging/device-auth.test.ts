import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceSecret } from '../../src/features/charging/device-signature';
import { startChargingApp, type ChargingTestApp, type TestPort } from './device-support';

let app: ChargingTestApp;
let port: TestPort;
let other: TestPort;
const heartbeat = { action: 'Heartbeat' } as const;
const MINUTE = 60_000;

beforeAll(async () => {
  app = await startChargingApp();
  const siteId = await app.addSite({ heartbeatSeconds: 300 });
  port = await app.addPort(siteId);
  other = await app.addPort(siteId);
});
afterAll(() => app?.close());

/** Everything a refused request could have changed: every collection's count and the port. */
const snapshot = async () => ({ counts: await app.countDocuments(), port: await app.port(port.id) });

async function expectRefused(send: () => Promise<{ status: number; body: { code?: string } }>, code: string) {
  const before = await snapshot();
  app.clock.advance(1000);
  const response = await send();
  expect(response.status).toBe(401);
  expect(response.body.code).toBe(code);
  expect(await snapshot()).toEqual(before);
}

describe('device request signatures', () => {
  it('accepts a signed heartbeat and answers the interval and what the port should do', async () => {
    const response = await app.send(port, heartbeat);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({
      status: 'Accepted',
      currentTime: app.clock.now().toISOString(),
      interval: 100,
      reservation: null,
      charging: false,
    });
    expect((await app.port(port.id)).lastHeartbeatAt).toEqual(app.clock.now());
  });

  it('refuses an unsigned request, changing nothing', async () => {
    await expectRefused(
      () =>
        app.request('POST', '/api/charging/device/messages', {
          raw: JSON.stringify(heartbeat),
          headers: { 'content-type': 'application/json' },
        }),
      'DEVICE_SIGNATURE_INVALID',
    );
  });

  it('refuses a body other than the one signed', async () => {
    await expectRefused(
      () =>
        app.send(
          port,
          { action: 'StatusNotification', status: 'Faulted', errorCode: 'GroundFailure', timestamp: app.clock.now() },
          { signed: heartbeat },
        ),
      'DEVICE_SIGNATURE_INVALID',
    );
  });

  it("refuses a request signed with another secret, or in another device's name", async () => {
    await expectRefused(() => app.send(port, heartbeat, { secret: newDeviceSecret() }), 'DEVICE_SIGNATURE_INVALID');
    await expectRefused(() => app.send(port, heartbeat, { secret: other.secret }), 'DEVICE_SIGNATURE_INVALID');
    await expectRefused(
      () => app.send({ ...port, deviceId: 'dev-nosuchdevice' }, heartbeat),
      'DEVICE_SIGNATURE_INVALID',
    );
  });

  it('refuses a timestamp more than five minutes off, either way, and accepts one just inside', async () => {
    await expectRefused(
      () => app.send(port, heartbeat, { at: new Date(app.clock.now().getTime() - 5 * MINUTE - 2000) }),
      'DEVICE_REQUEST_STALE',
    );
    await expectRefused(
      () => app.send(port, heartbeat, { at: new Date(app.clock.now().getTime() + 5 * MINUTE + 2000) }),
      'DEVICE_REQUEST_STALE',
    );
    const inside = await app.send(port, heartbeat, { at: new Date(app.clock.now().getTime() - 4 * MINUTE) });
    expect(inside.status, inside.text).toBe(200);
  });

  it('refuses a replayed request, changing nothing the second time', async () => {
    const headers = app.sign(port, heartbeat);
    expect((await app.send(port, heartbeat, { headers })).status).toBe(200);
    await expectRefused(() => app.send(port, heartbeat, { headers }), 'DEVICE_NONCE_REPLAYED');
  });

  it('accepts exactly one of twenty copies of one request sent at once', async () => {
    const headers = app.sign(port, heartbeat);
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.send(port, heartbeat, { headers })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(19).fill(401)]);
    expect(answers.filter((a) => a.status === 401).every((a) => a.body.code === 'DEVICE_NONCE_REPLAYED')).toBe(true);
  });

  it('refuses unknown keys, operator objects and unknown actions with 400 before reading the signature', async () => {
    const before = await snapshot();
    for (const message of [
      { action: 'Heartbeat', extra: 1 },
      { action: 'MeterValues', meterWh: { $gt: 0 }, timestamp: app.clock.now().toISOString() },
      { action: 'MeterValues', meterWh: -1, timestamp: app.clock.now().toISOString() },
      { action: 'RemoteStartTransaction' },
      { action: 'StatusNotification', status: 'Exploded', timestamp: app.clock.now().toISOString() },
    ]) {
      const response = await app.send(port, message);
      expect(response.status, JSON.stringify(message)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never writes the secret or the signature to the log', () => {
    const logs = app.logs.join('\n');
    expect(logs).not.toContain(port.secret);
    expect(logs).not.toMatch(/[0-9a-f]{64}/);
  });
});
