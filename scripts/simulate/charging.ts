/**
 * `pnpm simulate charging [--base-url URL] [--every SECONDS] [--fault-rate P] [--plug CODE] [--unplug CODE] [--fault CODE] [--recover CODE] [--rounds N]`
 *
 * Drives the seeded ports through the signed device endpoint of a running BFF. Without a
 * one-shot option it boots every port and follows reservations: heartbeats, a plug-in soon after
 * a port is reserved, Charging and meter values once a session runs, random faults at
 * `--fault-rate`. `--plug CODE` (and the others) act on one port now and exit, for a test or a
 * demo step. The device secrets come from the database the BFF uses (MONGODB_URI, DATA_KEY), as
 * a factory would flash them into real devices.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { portDevices } from '@warmcity/bff/charging/device-credentials';
import { loadConfig } from '@warmcity/bff/config';
import { chargingSimulator } from './charging-simulator';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string', default: process.env.BASE_URL ?? 'http://127.0.0.1:3000' },
    every: { type: 'string', default: '3' },
    'fault-rate': { type: 'string', default: '0' },
    rounds: { type: 'string' },
    plug: { type: 'string' },
    unplug: { type: 'string' },
    fault: { type: 'string' },
    recover: { type: 'string' },
  },
});

const config = loadConfig();
const uri = config.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/warmcity?directConnection=true';
const connection = await mongoose.createConnection(uri).asPromise();
const devices = await portDevices(connection, config);
await connection.close();
if (devices.length === 0) {
  console.error(`no charging ports in ${uri}: run the seed first`);
  process.exit(2);
}

const simulator = chargingSimulator({
  baseUrl: values['base-url'],
  devices,
  faultRate: Number(values['fault-rate']),
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});

const oneShot = (['plug', 'unplug', 'fault', 'recover'] as const).find((action) => values[action] !== undefined);
if (oneShot) {
  const code = values[oneShot]!;
  if (oneShot === 'plug') await simulator.plugIn(code);
  if (oneShot === 'unplug') await simulator.unplug(code);
  if (oneShot === 'fault') await simulator.fault(code);
  if (oneShot === 'recover') await simulator.recover(code);
} else {
  await simulator.boot();
  console.log(`simulating ${devices.length} ports against ${values['base-url']}`);
  const rounds = values.rounds === undefined ? Infinity : Number(values.rounds);
  let stopped = false;
  process.once('SIGINT', () => void (stopped = true));
  process.once('SIGTERM', () => void (stopped = true));
  for (let n = 0; n < rounds && !stopped; n += 1) {
    await simulator.round();
    await new Promise((resolve) => setTimeout(resolve, Number(values.every) * 1000));
  }
}
