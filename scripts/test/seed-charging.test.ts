import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { portCode } from '@warmcity/shared/api/charging';
import { seedCharging } from '../seed/charging';

let devdb: DevDb;
let connection: mongoose.Connection;
beforeAll(async () => {
  devdb = await startDevDb();
  connection = await mongoose.createConnection(devdb.uri, { dbName: 'seed_charging' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

const collection = (name: string) => connection.db!.collection(name);

it('seeds 头陀镇 32/365, 腾蛟镇 215 free outlets and 泾港花苑 45 areas once; a rerun changes nothing', async () => {
  const now = new Date('2030-01-10T02:00:00Z');
  expect(await seedCharging(connection, now)).toEqual({
    towns: ['头陀镇 32 sites / 365 ports', '腾蛟镇 18 sites / 215 ports', '泾港花苑 45 sites / 270 ports'],
    portsAdded: 850,
  });
  const sites = await collection('charging_sites').find().toArray();
  const toutuo = sites.filter((site) => site.town.code === 'toutuo');
  expect(toutuo).toHaveLength(32);
  // Around 28.60N 121.18E, within a few kilometres; a mix of free and paid.
  for (const site of toutuo) {
    const [lng, lat] = site.location.coordinates as [number, number];
    expect(Math.abs(lng - 121.18)).toBeLessThanOrEqual(0.035);
    expect(Math.abs(lat - 28.6)).toBeLessThanOrEqual(0.03);
  }
  expect(new Set(toutuo.map((site) => site.pricePerMinuteFen))).toEqual(new Set([0, 1, 2]));
  expect(sites.filter((s) => s.town.code === 'tengjiao').every((s) => s.pricePerMinuteFen === 0)).toBe(true);

  const ports = await collection('charging_ports').find().toArray();
  expect(ports).toHaveLength(850);
  expect(new Set(ports.map((p) => p.code)).size).toBe(850);
  expect(ports.every((p) => portCode.safeParse(p.code).success)).toBe(true);
  expect(
    ports.every(
      (p) => p.capacity === 1 && p.booked === 0 && p.waitlist === 'none' && p.journal.length === 0 && !p.outOfService,
    ),
  ).toBe(true);
  // Device secrets are stored sealed, never in clear.
  expect(ports.every((p) => typeof p.deviceSecret === 'string' && p.deviceSecret.startsWith('v1.'))).toBe(true);

  await collection('charging_ports').updateOne({ _id: ports[0]!._id }, { $set: { booked: 1 } });
  expect((await seedCharging(connection, now)).portsAdded).toBe(0);
  expect(await collection('charging_sites').countDocuments()).toBe(95);
  expect(await collection('charging_ports').countDocuments()).toBe(850);
  expect((await collection('charging_ports').findOne({ _id: ports[0]!._id }))?.booked).toBe(1);
});
