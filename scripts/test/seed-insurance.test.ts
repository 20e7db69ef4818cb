import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { checkIdNumber } from '@warmcity/shared/personal-data/id-number';
import { seedInsurance, seedPeople } from '../seed/insurance';

let devdb: DevDb;
let connection: mongoose.Connection;
beforeAll(async () => {
  devdb = await startDevDb();
  connection = await mongoose.createConnection(devdb.uri, { dbName: 'seed_insurance' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

const count = (name: string) => connection.db!.collection(name).countDocuments();

it('seeds a synthetic population with two years of contributions once; a rerun in the month writes nothing', async () => {
  const now = new Date('2030-03-04T02:00:00Z');
  const first = await seedInsurance(connection, now);
  expect(first).toMatchObject({ persons: 204, contributions: 204 * 24, chronic: 2, faq: 32, halls: 2 });
  expect(await count('insured_persons')).toBe(204);
  expect(await count('insurance_contributions')).toBe(204 * 24);
  const months = await connection.db!.collection('insurance_contributions').find().toArray();
  expect(months.every((m) => Number.isInteger(m.baseFen) && m.baseFen >= 400_000 && m.baseFen < 2_000_000)).toBe(true);
  expect(months.some((m) => m.status === 'arrears')).toBe(true);
  const people = await connection.db!.collection('insured_persons').find().toArray();
  expect(JSON.stringify(people)).not.toMatch(/330602\d{11}[\dX]/);

  expect(
    await connection
      .db!.collection('insurance_chronic')
      .find({}, { projection: { _id: 0, personId: 0 } })
      .sort({ disease: 1 })
      .toArray(),
  ).toEqual([
    { disease: '2型糖尿病', validUntil: '2029-06-30' },
    { disease: '高血压', validUntil: '2031-12-31' },
  ]);

  const again = await seedInsurance(connection, new Date('2030-03-20T02:00:00Z'));
  expect(again.written).toBe(0);
  expect(await count('insured_persons')).toBe(204);
});

it('every seeded identity number is well formed with a valid check digit, and all are distinct', () => {
  const numbers = seedPeople().map((p) => p.idNumber);
  expect(numbers).toHaveLength(204);
  expect(numbers.filter((n) => checkIdNumber(n) !== null)).toEqual([]);
  expect(new Set(numbers).size).toBe(numbers.length);
});
