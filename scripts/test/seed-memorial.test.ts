import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { memorialCode } from '@warmcity/shared/api/memorial';
import { ids } from '../seed/ids';
import { seedMemorial } from '../seed/memorial';

let devdb: DevDb;
let connection: mongoose.Connection;
beforeAll(async () => {
  devdb = await startDevDb();
  connection = await mongoose.createConnection(devdb.uri, { dbName: 'seed_memorial' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

const collection = (name: string) => connection.db!.collection(name);

it('seeds two cemeteries, six memorials, 松鹤陵园’s service packages, a Qingming campaign, its visit slots and a death notice once; a rerun changes nothing', async () => {
  const now = new Date('2030-01-10T02:00:00Z');
  expect(await seedMemorial(connection, now)).toEqual({
    cemeteries: 2,
    memorials: 6,
    servicePackages: 4,
    campaigns: 1,
    visitSlots: 18,
    deathNotices: 1,
  });
  const packages = await collection('memorial_service_packages').find().sort({ _id: 1 }).toArray();
  expect(packages.map((p) => [p.kind, p.name, p.priceFen, p.cemeteryId.toHexString()])).toEqual([
    ['sweeping', '代客祭扫·清洁', 8_800, ids.songheCemetery],
    ['sweeping', '代客祭扫·清洁+鲜花', 16_800, ids.songheCemetery],
    ['burial', '入葬服务预约', 0, ids.songheCemetery],
    ['repair', '墓穴报修', 0, ids.songheCemetery],
  ]);
  const memorials = await collection('memorial_memorials').find().toArray();
  expect(memorials.every((memorial) => memorialCode.safeParse(memorial.code).success)).toBe(true);
  expect(memorials.filter((memorial) => memorial.visibility === 'public').map((m) => m.name)).toEqual([
    '示例烈士甲',
    '示例烈士乙',
    '示例烈士丙',
  ]);
  const [campaign] = await collection('memorial_campaigns').find().toArray();
  expect(campaign).toMatchObject({ name: '2030年清明·网上祭英烈', startsAt: new Date('2030-03-27T16:00:00Z') });

  const slots = await collection('memorial_visit_slots').find().sort({ startsAt: 1 }).toArray();
  expect(slots.slice(0, 6).map((slot) => [slot.startsAt.toISOString(), slot.endsAt.toISOString()])).toEqual([
    ['2030-04-03T23:30:00.000Z', '2030-04-04T01:00:00.000Z'],
    ['2030-04-04T01:00:00.000Z', '2030-04-04T02:30:00.000Z'],
    ['2030-04-04T02:30:00.000Z', '2030-04-04T04:00:00.000Z'],
    ['2030-04-04T04:00:00.000Z', '2030-04-04T05:30:00.000Z'],
    ['2030-04-04T05:30:00.000Z', '2030-04-04T07:00:00.000Z'],
    ['2030-04-04T07:00:00.000Z', '2030-04-04T08:30:00.000Z'],
  ]);
  expect(slots.at(-1)!.startsAt).toEqual(new Date('2030-04-06T07:00:00Z'));
  expect(slots.every((slot) => slot.waitlist === 'none' && slot.capacity === 200 && slot.booked === 0)).toBe(true);
  await collection('memorial_visit_slots').updateOne({ _id: slots[0]!._id }, { $set: { booked: 3 } });
  const [notice] = await collection('memorial_death_notices').find().toArray();
  expect(notice).toMatchObject({
    cemeteryId: new mongoose.Types.ObjectId(ids.songheCemetery),
    reportedBy: new mongoose.Types.ObjectId(ids.demoResident),
    state: 'submitted',
    deathDate: '2030-01-09',
    maskedPhone: '139****0001',
  });
  expect(JSON.stringify(notice)).not.toMatch(/\d{17}[\dX]|13957700001/);
  await collection('memorial_death_notices').updateOne({ _id: notice!._id }, { $set: { state: 'accepted' } });

  await seedMemorial(connection, now);
  expect(await collection('memorial_visit_slots').countDocuments()).toBe(18);
  expect((await collection('memorial_visit_slots').findOne({ _id: slots[0]!._id }))!.booked).toBe(3);
  expect(await collection('memorial_cemeteries').countDocuments()).toBe(2);
  expect(await collection('memorial_memorials').countDocuments()).toBe(6);
  expect(await collection('memorial_campaigns').countDocuments()).toBe(1);
  expect(await collection('memorial_service_packages').countDocuments()).toBe(4);
  expect((await collection('memorial_death_notices').find().toArray()).map((n) => n.state)).toEqual(['accepted']);
  expect((await collection('memorial_memorials').find().toArray()).map((m) => m.createdAt)).toEqual(
    memorials.map((m) => m.createdAt),
  );
});
