import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { PORT_CODE_ALPHABET, PORT_CODE_LENGTH } from '@warmcity/shared/api/charging';
import { loadConfig } from '../src/config';
import { Accounts, IDENTITY_ID_NUMBER_CONTEXT, IDENTITY_NAME_CONTEXT } from '../src/features/accounts/account.model';
import { upsertRegistryPerson } from '../src/features/accounts/tasks';
import { sealIdentity } from '../src/features/accounts/stored-identity';
import { deviceHeaders, newDeviceSecret } from '../src/features/charging/device-signature';
import { ChargingPorts, DEVICE_SECRET_CONTEXT } from '../src/features/charging/port.model';
import { ensurePorts } from '../src/features/charging/tasks';
import { features } from '../src/features/index';
import { DeathNotices } from '../src/features/memorial/death-notice.model';
import { ID_NUMBER_CONTEXT, PHONE_CONTEXT, sealNotice } from '../src/features/memorial/death-notice.seal';
import { accountsBoundTo } from '../src/platform/personal-data/bound-identity';
import {
  InsuredPersons,
  REGISTRY_ID_NUMBER_CONTEXT,
  REGISTRY_NAME_CONTEXT,
} from '../src/platform/personal-data/insured-person.model';
import { dataProtection } from '../src/platform/personal-data/protection';
import { sealedCollections, summariseRekey, type RekeyReport } from '../src/platform/personal-data/rekey';
import { signAccessToken } from '../src/platform/session';
import { rekeyAll } from '../src/rekey';
import { startTestApp, type TestApp } from './support/app';
import { siteWithPort } from './sweep/support/site';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const OLD = { DATA_KEY: key(11), DATA_KEY_ID: 'old' };
const NEW = { DATA_KEY: key(12), DATA_KEY_ID: 'new' };
// A: before the rotation. B: the rotation's config, old key retired. C: the retired key dropped.
const configA = loadConfig({ NODE_ENV: 'test', ...OLD });
const configB = loadConfig({ NODE_ENV: 'test', ...NEW, DATA_KEYS_RETIRED: `old:${OLD.DATA_KEY}` });
const configC = loadConfig({ NODE_ENV: 'test', ...NEW });
// A key nobody configured any more: its values must be reported, and left as they are.
const configLost = loadConfig({ NODE_ENV: 'test', DATA_KEY: key(13), DATA_KEY_ID: 'lost' });
const [sealA, sealC] = [dataProtection(configA), dataProtection(configC)];

const withCheckChar = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const bound = { name: '赵美玲', idNumber: withCheckChar('33060219880808907') };
const unbound = { name: '孙立新', idNumber: withCheckChar('33060219750101906') };
const deceased = withCheckChar('33060219400101908');
const phone = '13812345678';
const portSecret = newDeviceSecret();
const code = PORT_CODE_ALPHABET.slice(0, PORT_CODE_LENGTH);

// The app runs with config C throughout: whatever it reads after the task must need no retired key.
let app: TestApp;
const ids = { account: new Types.ObjectId(), cemetery: new Types.ObjectId() };
const port = { deviceId: 'dev-rekey' };
let portId: Types.ObjectId;
const lostPort = new Types.ObjectId();
let noticeId: Types.ObjectId;
let first: RekeyReport[];

const byCollection = (reports: RekeyReport[]) => Object.fromEntries(reports.map((r) => [r.collection, r]));
const counts = (reports: RekeyReport[]) =>
  Object.fromEntries(reports.map((r) => [r.collection, [r.scanned, r.rekeyed, r.conflicts, r.remaining]]));

async function accountUnderA(subject: string, person: { name: string; idNumber: string }) {
  const account = await Accounts(app.connection).create({
    provider: 'dev',
    providerSubject: subject,
    roles: ['resident'],
    identity: sealIdentity(sealA, person.name, person.idNumber, new Date()),
    createdAt: new Date(),
  });
  return account._id;
}

/** Every string in the database that is a value sealed under `keyId`. */
async function sealedUnder(keyId: string): Promise<string[]> {
  const found: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (typeof value === 'string' && value.startsWith(`v1.${keyId}.`)) found.push(at);
    else if (value && typeof value === 'object' && !(value instanceof Types.ObjectId) && !(value instanceof Date))
      for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
  };
  const db = app.connection.db!;
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
    for (const doc of await db.collection(name).find().toArray()) walk(doc, `${name}/${String(doc._id)}`);
  return found;
}

beforeAll(async () => {
  app = await startTestApp({ env: NEW });
  const now = new Date();
  await upsertRegistryPerson(app.connection, configA, bound);
  await upsertRegistryPerson(app.connection, configA, unbound);
  // The bound person's insurance record, as an import would have filled it in.
  await InsuredPersons(app.connection).updateOne(
    { lookupKey: sealA.lookupKey(bound.idNumber) },
    { $set: { insuranceType: 'resident', status: 'active', region: '黄岩区', since: '2020-01-01' } },
  );
  ids.account = await accountUnderA('rekey-bound', bound);
  const notice = await DeathNotices(app.connection).create(
    sealNotice(
      sealA,
      {
        cemetery: { _id: ids.cemetery, name: '九峰公墓' },
        reportedBy: ids.account,
        deceasedName: '赵大伯',
        idNumber: deceased,
        deathDate: '2026-11-30',
        place: '家中',
        relation: '女儿',
        contactPhone: phone,
        note: '',
      },
      now,
    ),
  );
  noticeId = notice._id;
  const seeded = await siteWithPort(app.connection, configA, now, {
    name: '头陀镇中心充电站',
    code,
    deviceId: port.deviceId,
    deviceSecret: portSecret,
  });
  portId = new Types.ObjectId(seeded.portId);
  const portSeed = { siteId: seeded.siteId, label: '1号', sort: 1 };
  await ensurePorts(
    app.connection,
    configLost,
    [
      {
        ...portSeed,
        _id: lostPort.toHexString(),
        code: 'Z'.repeat(PORT_CODE_LENGTH),
        deviceId: 'dev-lost',
        sort: 2,
        deviceSecret: portSecret,
      },
    ],
    now,
  );
  first = await rekeyAll(app.connection, configB, { batchSize: 2 });
});
afterAll(() => app?.close());

describe('every sealed value is declared', () => {
  it('each encrypt( call in bff/src names an exported context constant that a sealed declaration lists', () => {
    const root = join(__dirname, '../src');
    // The machinery itself: encrypt's definition, and the task re-encrypting declared fields.
    const machinery = ['protection.ts', 'sealed.ts', 'rekey.ts'].map((file) => join('platform/personal-data', file));
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
    const contexts = new Map(
      files.flatMap(({ text }) =>
        [...text.matchAll(/export const (\w+_CONTEXT) = '([^']+)'/g)].map((m) => [m[1]!, m[2]!] as const),
      ),
    );
    const calls = files.flatMap(({ file, text }) =>
      machinery.includes(file) ? [] : [...text.matchAll(/\bencrypt\(/g)].map((m) => ({ file, at: m.index })),
    );
    const named = files.flatMap(({ file, text }) =>
      machinery.includes(file)
        ? []
        : [...text.matchAll(/\bencrypt\(\s*[^,()]+(?:\([^()]*\))?,\s*(\w+)\s*\)/g)].map((m) => ({ file, name: m[1]! })),
    );
    // A call whose context is not a plain exported constant would escape the check below.
    expect(named.length).toBe(calls.length);
    expect(calls.length).toBeGreaterThanOrEqual(8);
    const declared = new Set(sealedCollections(features).flatMap((c) => c.fields.map((field) => field.context)));
    const used = new Set(named.map(({ file, name }) => contexts.get(name) ?? `${file}: ${name} is not exported`));
    expect([...used].sort()).toEqual([...declared].sort());
    expect([...declared].sort()).toEqual(
      [
        IDENTITY_ID_NUMBER_CONTEXT,
        IDENTITY_NAME_CONTEXT,
        REGISTRY_NAME_CONTEXT,
        REGISTRY_ID_NUMBER_CONTEXT,
        DEVICE_SECRET_CONTEXT,
        ID_NUMBER_CONTEXT,
        PHONE_CONTEXT,
      ].sort(),
    );
  });
});

describe('rekey after a DATA_KEY rotation', () => {
  it('re-encrypts every sealed value under the new key, per collection, and reports the one it cannot read', () => {
    expect(counts(first)).toEqual({
      insured_persons: [2, 2, 0, 0],
      accounts: [1, 1, 0, 0],
      memorial_death_notices: [1, 1, 0, 0],
      charging_ports: [2, 1, 0, 1],
    });
    const ports = byCollection(first).charging_ports!;
    expect(ports.failed).toEqual([
      { id: lostPort.toHexString(), path: 'deviceSecret', reason: 'unknown key id "lost"' },
    ]);
    expect(ports.remainingByKey).toEqual({ lost: 1 });
    expect(summariseRekey(configB, first)).toEqual({
      retiredKeysInUse: [],
      unknownKeysInUse: ['lost'],
      failed: 1,
      canDropRetiredKeys: true,
    });
  });

  it('leaves nothing under the old key, the same plaintexts under the new one, and lookup keys of the new key', async () => {
    expect(await sealedUnder('old')).toEqual([]);
    const persons = await InsuredPersons(app.connection).find().sort({ _id: 1 }).lean();
    expect(
      persons.map((p) => [
        sealC.decrypt(p.nameCipher, REGISTRY_NAME_CONTEXT),
        sealC.decrypt(p.idNumberCipher!, REGISTRY_ID_NUMBER_CONTEXT),
        p.lookupKey,
      ]),
    ).toEqual([
      [bound.name, bound.idNumber, sealC.lookupKey(bound.idNumber)],
      [unbound.name, unbound.idNumber, sealC.lookupKey(unbound.idNumber)],
    ]);
    const { identity } = (await Accounts(app.connection).findById(ids.account).lean())!;
    expect([
      sealC.decrypt(identity!.idNumberCipher, IDENTITY_ID_NUMBER_CONTEXT),
      sealC.decrypt(identity!.nameCipher, IDENTITY_NAME_CONTEXT),
    ]).toEqual([bound.idNumber, bound.name]);
    expect(
      (await accountsBoundTo(app.connection, sealC.lookupKeys(bound.idNumber))).get(sealC.lookupKey(bound.idNumber)),
    ).toEqual(ids.account);
    const notice = (await DeathNotices(app.connection).findById(noticeId).lean())!;
    expect([
      sealC.decrypt(notice.idNumberCipher, ID_NUMBER_CONTEXT),
      sealC.decrypt(notice.phoneCipher, PHONE_CONTEXT),
      notice.idLookupKey,
    ]).toEqual([deceased, phone, sealC.lookupKey(deceased)]);
    const ported = (await ChargingPorts(app.connection).findById(portId).lean())!;
    expect(sealC.decrypt(ported.deviceSecret, DEVICE_SECRET_CONTEXT)).toBe(portSecret);
    const lost = (await ChargingPorts(app.connection).findById(lostPort).lean())!;
    expect(dataProtection(configLost).decrypt(lost.deviceSecret, DEVICE_SECRET_CONTEXT)).toBe(portSecret);
  });

  it('the app with no retired key serves the rekeyed data: device signature, own insurance, agency phone, 实名 lookup', async () => {
    const body = JSON.stringify({ action: 'Heartbeat' });
    const signed = deviceHeaders(portSecret, {
      method: 'POST',
      path: '/api/charging/device/messages',
      deviceId: port.deviceId,
      body,
      now: app.clock.now(),
    });
    const heartbeat = await app.request('POST', '/api/charging/device/messages', {
      raw: body,
      headers: { 'content-type': 'application/json', ...signed },
    });
    expect([heartbeat.status, heartbeat.body.status], heartbeat.text).toEqual([200, 'Accepted']);

    const resident = signAccessToken(app.config, { id: ids.account.toHexString(), roles: ['resident'], scopes: [] });
    const mine = await app.request('GET', '/api/insurance/me', { token: resident });
    expect([mine.status, mine.body.person?.status], mine.text).toEqual([200, 'active']);

    const agency = app.signIn('staff', [`agency:${ids.cemetery.toHexString()}`]).token;
    const view = await app.request('GET', `/api/memorial/agency/death-notices/${noticeId.toHexString()}`, {
      token: agency,
    });
    expect([view.status, view.body.contactPhone], view.text).toEqual([200, phone]);

    // 实名 for the person nobody bound yet finds the registry entry by its new lookup key.
    const person = await InsuredPersons(app.connection)
      .findOne({ lookupKey: { $in: sealC.lookupKeys(unbound.idNumber) } })
      .lean();
    expect(sealC.decrypt(person!.nameCipher, REGISTRY_NAME_CONTEXT)).toBe(unbound.name);
  });

  it('a second run rekeys nothing and changes nothing', async () => {
    const before = await app.connection.db!.collection('accounts').find().toArray();
    const again = await rekeyAll(app.connection, configB);
    expect(counts(again)).toEqual({
      insured_persons: [0, 0, 0, 0],
      accounts: [0, 0, 0, 0],
      memorial_death_notices: [0, 0, 0, 0],
      charging_ports: [1, 0, 0, 1],
    });
    expect(await app.connection.db!.collection('accounts').find().toArray()).toEqual(before);
  });

  it('never overwrites a change the app made between read and write: retried, or reported and left', async () => {
    const other = { name: '钱小红', idNumber: withCheckChar('33060219900202903') };
    const accountId = await accountUnderA('rekey-concurrent', other);
    const renamed = sealA.encrypt('钱晓红', IDENTITY_NAME_CONTEXT);
    const renameOnce = async (collection: string) => {
      if (collection !== 'accounts' || !renamed) return;
      await Accounts(app.connection).updateOne({ _id: accountId }, { $set: { 'identity.nameCipher': renamed } });
    };

    // One attempt only: the write finds the document changed and leaves it exactly as the app did.
    const once = byCollection(
      await rekeyAll(app.connection, configB, { attempts: 1, beforeWrite: renameOnce }),
    ).accounts!;
    expect([once.scanned, once.rekeyed, once.conflicts, once.remaining]).toEqual([1, 0, 1, 1]);
    expect(once.failed).toEqual([
      { id: accountId.toHexString(), path: '', reason: 'changed by the app during 1 attempts; run again' },
    ]);
    const left = (await Accounts(app.connection).findById(accountId).lean())!.identity!;
    expect(left.nameCipher).toBe(renamed);
    expect(left.idNumberCipher).toMatch(/^v1\.old\./);
    expect(summariseRekey(configB, [once]).canDropRetiredKeys).toBe(false);

    // With retries, the re-read document is rekeyed with the app's change in it.
    let changes = 0;
    const renameFirst = async (collection: string) => {
      if (collection !== 'accounts' || changes++ > 0) return;
      await Accounts(app.connection).updateOne(
        { _id: accountId },
        { $set: { 'identity.nameCipher': sealA.encrypt('钱红', IDENTITY_NAME_CONTEXT) } },
      );
    };
    const retried = byCollection(await rekeyAll(app.connection, configB, { beforeWrite: renameFirst })).accounts!;
    expect([retried.scanned, retried.rekeyed, retried.conflicts, retried.remaining, retried.failed]).toEqual([
      1,
      1,
      1,
      0,
      [],
    ]);
    const identity = (await Accounts(app.connection).findById(accountId).lean())!.identity!;
    expect([
      sealC.decrypt(identity.nameCipher, IDENTITY_NAME_CONTEXT),
      sealC.decrypt(identity.idNumberCipher, IDENTITY_ID_NUMBER_CONTEXT),
      identity.lookupKey,
    ]).toEqual(['钱红', other.idNumber, sealC.lookupKey(other.idNumber)]);
    expect(await sealedUnder('old')).toEqual([]);
  });

  it('reports, and leaves, a registry entry whose person was imported again under the new key meanwhile', async () => {
    const twice = { name: '李文', idNumber: withCheckChar('33060219600303904') };
    await upsertRegistryPerson(app.connection, configA, twice);
    const before = (await InsuredPersons(app.connection)
      .findOne({ lookupKey: sealA.lookupKey(twice.idNumber) })
      .lean())!;
    // An import after step 1 finds nobody under the new lookup key and inserts the person again.
    await upsertRegistryPerson(app.connection, configC, twice);
    const persons = byCollection(await rekeyAll(app.connection, configB)).insured_persons!;
    expect([persons.scanned, persons.rekeyed, persons.remaining, persons.failed]).toEqual([
      1,
      0,
      1,
      [
        {
          id: before._id.toHexString(),
          path: 'lookupKey',
          reason: 'another document already holds this lookup key under the current key',
        },
      ],
    ]);
    expect(await InsuredPersons(app.connection).findById(before._id).lean()).toEqual(before);
  });
});
