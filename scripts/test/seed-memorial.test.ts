import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { memorialCode } from '@warmcity/shared/api/memorial';
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

it('seeds two cemeteries, six memorials and a Qingming campaign once; a rerun changes nothing', async () => {
  const now = new Date('2030-01-10T02:00:00Z');
  expect(await seedMemorial(connection, now)).toEqual({ cemeteries: 2, memorials: 6, campaigns: 1 });
  const memorials = await collection('memorial_memorials').find().toArray();
  expect(memorials.every((memorial) => memorialCode.safeParse(memorial.code).success)).toBe(true);
  expect(memorials.filter((memorial) => memorial.visibility === 'public').map((m) => m.name)).toEqual([
    '示例烈士甲',
    '示例烈士乙',
    '示例烈士丙',
  ]);
  const [campaign] = await collection('memorial_campaigns').find().toArray();
  expect(campaign).toMatchObject({ name: '2030年清明·网上祭英烈', startsAt: new Date('2030-03-27T16:00:00Z') });

  await seedMemorial(connection, now);
  expect(await collection('memorial_cemeteries').countDocuments()).toBe(2);
  expect(await collection('memorial_memorials').countDocuments()).toBe(6);
  expect(await collection('memorial_campaigns').countDocuments()).toBe(1);
  expect((await collection('memorial_memorials').find().toArray()).map((m) => m.createdAt)).toEqual(
    memorials.map((m) => m.createdAt),
  );
});
