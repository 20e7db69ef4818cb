import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { PORT_CODE_ALPHABET, type Point } from '@warmcity/shared/api/charging';
import { Charges } from '../../src/features/charging/charge.model';
import { ChargingPorts } from '../../src/features/charging/port.model';
import { ensurePorts, upsertSite, type SiteSeed } from '../../src/features/charging/tasks';
import { startTestApp, type TestApp, type TestAppOptions, type TestResponse } from '../support/app';

export const base = '/api/charging';

export interface TestSite {
  siteId: string;
  ports: { id: string; code: string; label: string }[];
}

export interface ChargingTestApp extends TestApp {
  /** A site open round the clock at 头陀镇 with `ports` ports (3 fen a minute unless told). */
  createSite(options?: Partial<Omit<SiteSeed, '_id'>> & { ports?: number }): Promise<TestSite>;
  resident(): string;
  reserve(token: string, body: { siteId: string; portId?: string }, key?: string): Promise<TestResponse>;
  start(token: string, code: string, key?: string): Promise<TestResponse>;
  post(token: string, path: string): Promise<TestResponse>;
  /** The port counters and the port's active charges, straight from the database. */
  portState(portId: string): Promise<{ capacity: number; booked: number; journal: number; active: number }>;
}

let codes = 0;
/** Distinct valid port codes across every site a test file creates. */
function nextCode(): string {
  let n = (codes += 1) + 7_654_321;
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code = PORT_CODE_ALPHABET[n % PORT_CODE_ALPHABET.length] + code;
    n = Math.floor(n / PORT_CODE_ALPHABET.length);
  }
  return code;
}

export const TOUTUO: Point = { lng: 121.18, lat: 28.6 };

export async function startChargingApp(options: TestAppOptions = {}): Promise<ChargingTestApp> {
  const app = await startTestApp(options);
  const idempotent = (key?: string) => ({ 'idempotency-key': key ?? randomUUID() });
  return {
    ...app,
    async createSite({ ports = 4, ...overrides } = {}) {
      const siteId = new Types.ObjectId().toHexString();
      const now = app.clock.now();
      await upsertSite(
        app.connection,
        {
          _id: siteId,
          name: '头陀镇测试充电站',
          town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
          address: '黄岩区头陀镇测试路1号',
          location: TOUTUO,
          hours: { opens: '00:00', closes: '24:00' },
          pricePerMinuteFen: 3,
          graceMinutes: 15,
          maxMinutes: 240,
          heartbeatSeconds: 300,
          safetyNotes: ['请勿私拉电线'],
          ...overrides,
        },
        now,
      );
      const seeds = Array.from({ length: ports }, (_, i) => ({
        _id: new Types.ObjectId().toHexString(),
        siteId,
        code: nextCode(),
        label: `${i + 1}号`,
        sort: i + 1,
        deviceId: `dev-${randomUUID()}`,
        deviceSecret: 'test-secret',
      }));
      await ensurePorts(app.connection, app.config, seeds, now);
      return { siteId, ports: seeds.map((s) => ({ id: s._id, code: s.code, label: s.label })) };
    },
    resident: () => app.signIn('resident').token,
    reserve: (token, body, key) => app.request('POST', `${base}/charges`, { token, body, headers: idempotent(key) }),
    start: (token, code, key) =>
      app.request('POST', `${base}/charges/start`, { token, body: { code }, headers: idempotent(key) }),
    post: (token, path) => app.request('POST', `${base}${path}`, { token }),
    async portState(portId) {
      const port = await ChargingPorts(app.connection).findById(portId).lean();
      if (!port) throw new Error('no such port');
      const active = await Charges(app.connection).countDocuments({ pool: port._id, status: 'confirmed' });
      return { capacity: port.capacity, booked: port.booked, journal: port.journal.length, active };
    },
  };
}
