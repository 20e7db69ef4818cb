import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { PORT_CODE_ALPHABET, PORT_CODE_LENGTH, type DeviceMessage } from '@warmcity/shared/api/charging';
import { deviceHeaders, newDeviceSecret } from '../../src/features/charging/device-signature';
import { ChargingPorts, DEVICE_SECRET_CONTEXT } from '../../src/features/charging/port.model';
import { ChargingSites } from '../../src/features/charging/site.model';
import { dataProtection } from '../../src/platform/personal-data/protection';
import { standingClock, startTestApp, type TestApp, type TestResponse } from '../support/app';

export const base = '/api/charging';
export const DEVICE_PATH = `${base}/device/messages`;
/** 10:00 in China; after the wall clock, because devdb's TTL monitor deletes by wall time and a
 * nonce stored on the test clock must not vanish between a request and its replay. */
export const START = new Date('2030-05-06T02:00:00.000Z');

export interface TestPort {
  id: string;
  code: string;
  deviceId: string;
  secret: string;
}

export interface SendOptions {
  /** Sign this body but send `message` (a tampered request). */
  signed?: unknown;
  /** The device's clock, when it is not the app's. */
  at?: Date;
  /** Sign with another secret. */
  secret?: string;
  /** Send these headers instead of the signed ones (a replay). */
  headers?: Record<string, string>;
}

export interface ChargingTestApp extends TestApp {
  addSite(overrides?: Record<string, unknown>): Promise<string>;
  addPort(siteId: string): Promise<TestPort>;
  /** A device message as the port would send it: signed with its secret at the app's time. */
  send(port: TestPort, message: DeviceMessage | Record<string, unknown>, options?: SendOptions): Promise<TestResponse>;
  /** The headers `send` would put on `message`, for a replay. */
  sign(port: TestPort, message: unknown, at?: Date): Record<string, string>;
  port(id: string): Promise<Record<string, unknown>>;
  resident(): string;
  reserve(token: string, siteId: string, portId?: string): Promise<TestResponse>;
  start(token: string, code: string): Promise<TestResponse>;
}

const randomCode = () =>
  Array.from({ length: PORT_CODE_LENGTH }, () => PORT_CODE_ALPHABET[randomInt(PORT_CODE_ALPHABET.length)]).join('');

/** The test app on a standing clock, with sites and ports written the way staff tools do. */
export async function startChargingApp(): Promise<ChargingTestApp> {
  const app = await startTestApp({ clock: standingClock(START) });
  const protection = dataProtection(app.config);
  let sort = 0;

  const sign = (port: TestPort, message: unknown, at?: Date) =>
    deviceHeaders(port.secret, {
      method: 'POST',
      path: DEVICE_PATH,
      deviceId: port.deviceId,
      body: JSON.stringify(message),
      now: at ?? app.clock.now(),
    });

  return {
    ...app,
    async addSite(overrides = {}) {
      const now = app.clock.now();
      const site = await ChargingSites(app.connection).create({
        name: '头陀镇中心充电站',
        town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
        address: '黄岩区头陀镇中心街1号',
        location: { type: 'Point', coordinates: [121.1, 28.6] },
        hours: { opens: '00:00', closes: '24:00' },
        pricePerMinuteFen: 5,
        graceMinutes: 15,
        maxMinutes: 480,
        heartbeatSeconds: 300,
        safetyNotes: [],
        createdAt: now,
        updatedAt: now,
        ...overrides,
      });
      return site._id.toHexString();
    },
    async addPort(siteId) {
      sort += 1;
      const secret = newDeviceSecret();
      const code = randomCode();
      const deviceId = `dev-${code.toLowerCase()}`;
      const port = await ChargingPorts(app.connection).create({
        siteId,
        code,
        label: `${sort}号`,
        sort,
        capacity: 1,
        deviceId,
        deviceSecret: protection.encrypt(secret, DEVICE_SECRET_CONTEXT),
        createdAt: app.clock.now(),
      });
      return { id: port._id.toHexString(), code, deviceId, secret };
    },
    sign,
    send(port, message, options = {}) {
      const headers =
        options.headers ??
        sign({ ...port, secret: options.secret ?? port.secret }, options.signed ?? message, options.at);
      return app.request('POST', DEVICE_PATH, {
        raw: JSON.stringify(message),
        headers: { 'content-type': 'application/json', ...headers },
      });
    },
    async port(id) {
      const port = await ChargingPorts(app.connection).findById(id).lean();
      if (!port) throw new Error('no such port');
      return port as unknown as Record<string, unknown>;
    },
    resident: () => app.signIn('resident').token,
    async reserve(token, siteId, portId) {
      const response = await app.request('POST', `${base}/charges`, {
        token,
        body: portId ? { siteId, portId } : { siteId },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(response.status, response.text).toBe(201);
      return response;
    },
    async start(token, code) {
      const response = await app.request('POST', `${base}/charges/start`, {
        token,
        body: { code },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(response.status, response.text).toBe(201);
      return response;
    },
  };
}
