import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '@warmcity/devdb';
import { loadConfig } from '@warmcity/bff/config';
import { upsertRegistryPerson } from '@warmcity/bff/accounts/tasks';
import { ensurePorts } from '@warmcity/bff/charging/tasks';

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const OLD = { DATA_KEY: key(21), DATA_KEY_ID: 'old' };
const rotated = { DATA_KEY: key(22), DATA_KEY_ID: 'new', DATA_KEYS_RETIRED: `old:${OLD.DATA_KEY}` };

let devdb: DevDb;
let connection: mongoose.Connection;
let uri: string;
beforeAll(async () => {
  devdb = await startDevDb();
  uri = devdb.uri.replace('/?', '/rekey_cli?');
  connection = await mongoose.createConnection(uri).asPromise();
});
afterAll(async () => {
  await connection?.close();
  await devdb?.stop();
});

/** `pnpm rekey` as its own process: exit code and its JSON lines. */
async function rekeyCli(env: Record<string, string>) {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'rekey.ts'], {
    cwd: scriptsDir,
    env: { ...process.env, NODE_ENV: 'test', MONGODB_URI: uri, ...env },
  });
  const { stdout, code } = await run.then(
    ({ stdout }) => ({ stdout, code: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }),
  );
  return {
    code,
    lines: stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

it('prints a line per collection and whether DATA_KEYS_RETIRED can be emptied; exits 1 until it can', async () => {
  const now = new Date();
  await upsertRegistryPerson(connection, loadConfig({ NODE_ENV: 'test', ...OLD }), {
    name: '赵美玲',
    idNumber: '330602198808089078',
  });
  const port = { siteId: new mongoose.Types.ObjectId().toHexString(), label: '1号', sort: 1, deviceSecret: 's' };
  await ensurePorts(
    connection,
    loadConfig({ NODE_ENV: 'test', ...OLD }),
    [{ ...port, _id: new mongoose.Types.ObjectId().toHexString(), code: 'ABCDEF', deviceId: 'dev-1' }],
    now,
  );

  // Run with the rotation's keys, minus the retired one: nothing old can be read.
  const unreadable = await rekeyCli({ DATA_KEY: rotated.DATA_KEY, DATA_KEY_ID: 'new' });
  expect(unreadable.code).toBe(1);
  expect(unreadable.lines.at(-1)).toEqual({
    retiredKeysInUse: [],
    unknownKeysInUse: ['old'],
    failed: 2,
    canDropRetiredKeys: true,
  });

  const done = await rekeyCli(rotated);
  expect(done.code).toBe(0);
  expect(done.lines.map(({ collection, rekeyed, remaining }) => [collection, rekeyed, remaining])).toEqual([
    ['insured_persons', 1, 0],
    ['accounts', 0, 0],
    ['memorial_death_notices', 0, 0],
    ['charging_ports', 1, 0],
    [undefined, undefined, undefined],
  ]);
  expect(done.lines.at(-1)).toEqual({
    retiredKeysInUse: [],
    unknownKeysInUse: [],
    failed: 0,
    canDropRetiredKeys: true,
  });
}, 60_000);
