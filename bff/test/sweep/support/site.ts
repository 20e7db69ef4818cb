import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import type { Config } from '../../../src/config';
import { ensurePorts, upsertSite } from '../../../src/features/charging/tasks';

/** A round-the-clock charging site in 头陀镇 with one port, seeded as the deploy tasks do. */
export async function siteWithPort(
  connection: Connection,
  config: Config,
  now: Date,
  port: { name: string; code: string; deviceId?: string; deviceSecret?: string },
) {
  const siteId = new Types.ObjectId().toHexString();
  await upsertSite(
    connection,
    {
      _id: siteId,
      name: port.name,
      town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
      address: '黄岩区头陀镇测试路1号',
      location: { lng: 121.18, lat: 28.6 },
      hours: { opens: '00:00', closes: '24:00' },
      pricePerMinuteFen: 3,
      graceMinutes: 15,
      maxMinutes: 240,
      heartbeatSeconds: 300,
      safetyNotes: [],
    },
    now,
  );
  const portId = new Types.ObjectId().toHexString();
  await ensurePorts(
    connection,
    config,
    [
      {
        _id: portId,
        siteId,
        code: port.code,
        label: '1号',
        sort: 1,
        deviceId: port.deviceId ?? `dev-${randomUUID()}`,
        deviceSecret: port.deviceSecret ?? randomUUID(),
      },
    ],
    now,
  );
  return { siteId, portId, code: port.code };
}
