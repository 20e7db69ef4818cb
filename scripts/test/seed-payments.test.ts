import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { ids } from '../seed/ids';
import { seedPayments } from '../seed/payments';

let devdb: DevDb;
let connection: mongoose.Connection;
beforeAll(async () => {
  devdb = await startDevDb();
  connection = await mongoose.createConnection(devdb.uri, { dbName: 'seed_payments' }).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

it("creates the demo resident's payable order once, itemised to its total; a rerun returns the same order", async () => {
  const now = new Date('2030-01-10T02:00:00Z');
  const first = await seedPayments(connection, now);
  expect(first.status).toBe('created');
  const orders = await connection.db!.collection('payment_orders').find().toArray();
  expect(orders).toHaveLength(1);
  expect(orders[0]).toMatchObject({
    payer: ids.demoResident,
    scope: `cemetery:${ids.songheCemetery}`,
    amountFen: 5000,
    createdAt: now,
    expiresAt: new Date('2030-02-09T02:00:00Z'),
  });
  expect(orders[0]!.items.reduce((sum: number, item: { amountFen: number }) => sum + item.amountFen, 0)).toBe(5000);

  expect(await seedPayments(connection, new Date('2030-01-11T02:00:00Z'))).toEqual(first);
  expect(await connection.db!.collection('payment_orders').countDocuments()).toBe(1);
});
