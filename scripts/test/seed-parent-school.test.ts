import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { seedParentSchool } from '../seed/parent-school';

let devdb: DevDb;
let connection: mongoose.Connection;
beforeAll(async () => {
  devdb = await startDevDb();
  connection = await mongoose.createConnection(devdb.uri, { dbName: 'seed_parent_school' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

const count = (name: string) => connection.db!.collection(name).countDocuments();

it('seeds the schools, courses and upcoming sessions once; a rerun changes nothing', async () => {
  const now = new Date('2030-03-04T02:00:00Z'); // a Monday morning in Shaoxing
  const first = await seedParentSchool(connection, now);
  expect(first).toMatchObject({ schools: 2, courses: 5 });
  // Eleven school days in the next fortnight, two schools each.
  expect(first.sessionsAdded).toBe(22);
  const sessions = await connection.db!.collection('parent_school_sessions').find().toArray();
  expect(sessions.every((s) => s.startsAt > now && s.capacity > 0 && s.booked === 0)).toBe(true);
  expect(sessions.some((s) => s.capacity === 1200)).toBe(true);

  const again = await seedParentSchool(connection, now);
  expect(again.sessionsAdded).toBe(0);
  expect(await count('parent_school_sessions')).toBe(22);
  expect(await count('parent_school_schools')).toBe(2);
  expect(await count('parent_school_courses')).toBe(5);
});
