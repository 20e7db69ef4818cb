import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { portDevices } from '@warmcity/bff/charging/device-credentials';
import { newDeviceSecret } from '@warmcity/bff/charging/device-signature';
import { ensurePorts, upsertSite } from '@warmcity/bff/charging/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { runBff, type Running } from '@warmcity/bff/run';
import { chargingSimulator, type ChargingSimulator } from '../simulate/charging-simulator';

let devdb: DevDb;
let running: Running;
let simulator: ChargingSimulator;
const siteId = new Types.ObjectId().toHexString();
const codes = ['SM2TEST2', 'SM3TEST3'];

beforeAll(async () => {
  devdb = await startDevDb();
  running = await runBff({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGODB_URI: devdb.uri.replace('/?', '/simulate?'),
    },
  });
  const now = new Date();
  await upsertSite(
    running.connection,
    {
      _id: siteId,
      name: '模拟充电站',
      town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
      address: '黄岩区头陀镇',
      location: { lng: 121.1, lat: 28.6 },
      hours: { opens: '00:00', closes: '24:00' },
      pricePerMinuteFen: 0,
      graceMinutes: 15,
      maxMinutes: 480,
      heartbeatSeconds: 300,
      safetyNotes: [],
    },
    now,
  );
  await ensurePorts(
    running.connection,
    running.config,
    codes.map((code, n) => ({
      _id: new Types.ObjectId().toHexString(),
      siteId,
      code,
      label: `${n + 1}号`,
      sort: n + 1,
      deviceId: `sim-${code.toLowerCase()}`,
      deviceSecret: newDeviceSecret(),
    })),
    now,
  );
  simulator = chargingSimulator({
    baseUrl: running.url,
    devices: await portDevices(running.connection, running.config),
  });
});
afterAll(async () => {
  await running?.shutdown('test done');
  await devdb?.stop();
});

const resident = () =>
  signAccessToken(running.config, { id: new Types.ObjectId().toHexString(), roles: ['resident'], scopes: [] });
const call = async (token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${running.url}/api/charging${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const port = (code: string) => running.connection.collection('charging_ports').findOne({ code });

describe('pnpm simulate charging', () => {
  it('boots every seeded port through the signed endpoint', async () => {
    await simulator.boot();
    for (const code of codes) expect((await port(code))?.lastHeartbeatAt).toBeInstanceOf(Date);
  });

  it('follows a reservation: plugs in, reports Charging once started, meters, and lets go after the stop', async () => {
    const token = resident();
    const reserved = await call(token, 'POST', '/charges', { siteId });
    expect(reserved.status).toBe(201);
    const code = (reserved.body.port as { code: string }).code;
    await simulator.round();
    expect(await port(code)).toMatchObject({ plugged: true, connectorStatus: 'Preparing' });

    const started = await call(token, 'POST', '/charges/start', { code });
    expect(started.status).toBe(201);
    await simulator.round();
    expect(await port(code)).toMatchObject({ plugged: true, connectorStatus: 'Charging' });
    await simulator.round();
    const live = await call(token, 'GET', `/charges/${String(started.body.id)}`);
    expect(live.body.energyWh).toEqual(expect.any(Number));

    expect((await call(token, 'POST', `/charges/${String(started.body.id)}/stop`)).status).toBe(200);
    await simulator.round();
    expect(await port(code)).toMatchObject({ plugged: false, connectorStatus: 'Available' });
  });

  it('plugs one port in on demand, which starts charging for a resident who started there', async () => {
    const token = resident();
    const started = await call(token, 'POST', '/charges/start', { code: codes[1] });
    expect(started.status).toBe(201);
    await simulator.plugIn(codes[1]!);
    expect(await port(codes[1]!)).toMatchObject({ plugged: true, connectorStatus: 'Charging' });
    await simulator.unplug(codes[1]!);
    const ended = await call(token, 'GET', `/charges/${String(started.body.id)}`);
    expect(ended.body).toMatchObject({ status: 'completed', endReason: 'unplugged', costFen: 0 });
  });

  it('random faults: a faulted port ends the session on it, refuses reservations, and recovers a few rounds later', async () => {
    const token = resident();
    const started = await call(token, 'POST', '/charges/start', { code: codes[0] });
    expect(started.status).toBe(201);
    // The dice fault every port in the first round, then never again.
    let rolls = 0;
    const faulty = chargingSimulator({
      baseUrl: running.url,
      devices: await portDevices(running.connection, running.config),
      faultRate: 0.5,
      random: () => (rolls++ < codes.length ? 0 : 1),
    });
    await faulty.round();
    for (const code of codes) expect(await port(code)).toMatchObject({ connectorStatus: 'Faulted', capacity: 0 });
    expect((await call(token, 'GET', `/charges/${String(started.body.id)}`)).body).toMatchObject({
      status: 'completed',
      endReason: 'fault',
    });
    const refused = await call(resident(), 'POST', '/charges', { siteId });
    expect(refused).toMatchObject({ status: 409, body: { code: 'NO_FREE_PORT' } });

    // Still out of order until the fault clears, five rounds on.
    for (let round = 1; round < 5; round += 1) await faulty.round();
    expect(await port(codes[1]!)).toMatchObject({ connectorStatus: 'Faulted', capacity: 0 });
    await faulty.round();
    for (const code of codes) expect(await port(code)).toMatchObject({ connectorStatus: 'Available', capacity: 1 });
    expect((await call(resident(), 'POST', '/charges', { siteId })).status).toBe(201);
  });
});
