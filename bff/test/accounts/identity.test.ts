import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { upsertRegistryPerson } from '../../src/features/accounts/tasks';
import { startNextWindow } from '../support/app';
import { devSignIn, expectNothingLeaked, startAccountsApp, type AccountsTestApp, type Session } from './support';

const withCheckChar = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const insured = { name: '赵美玲', idNumber: withCheckChar('33060219880808907') };
const alsoInsured = { name: '孙立新', idNumber: withCheckChar('33060219750101906') };
const wrongCheckDigit = (idNumber: string) => `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;

let app: AccountsTestApp;
beforeAll(async () => {
  app = await startAccountsApp();
  await upsertRegistryPerson(app.connection, app.config, insured);
  await upsertRegistryPerson(app.connection, app.config, alsoInsured);
});
afterAll(() => app?.close());

const bind = (session: Session, body: object) =>
  app.request('PUT', '/api/accounts/me/identity', { token: session.accessToken, body });
const rawAccount = (id: string) => app.connection.db!.collection('accounts').findOne({ _id: new Types.ObjectId(id) });

describe('identity binding', () => {
  it('a bad check digit is 400 INVALID_ID_NUMBER and nothing is stored', async () => {
    const session = await devSignIn(app, 'typo-user');
    const before = await app.countDocuments();
    const response = await bind(session, { name: insured.name, idNumber: wrongCheckDigit(insured.idNumber) });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ID_NUMBER');
    // The attempt itself is counted (rate_limits): guesses are limited whatever they look like.
    expect({ ...(await app.countDocuments()), rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 });
    expect((await rawAccount(session.account.id))?.identity).toBeNull();
  });

  it.each([
    ['too short', '3306021988080890'],
    ['letters', '33060219880808A907'],
    ['impossible birth date', withCheckChar('33060219880230907')],
  ])('%s is INVALID_ID_NUMBER too', async (_, idNumber) => {
    const session = await devSignIn(app, 'format-user');
    const response = await bind(session, { name: insured.name, idNumber });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ID_NUMBER');
  });

  it('a valid number that is not in the registry, or under another name, is the same 422', async () => {
    const session = await devSignIn(app, 'stranger');
    const unknown = await bind(session, { name: insured.name, idNumber: withCheckChar('33060219900101999') });
    const wrongName = await bind(session, { name: '赵美', idNumber: insured.idNumber });
    expect([unknown.status, wrongName.status]).toEqual([422, 422]);
    expect(unknown.body.code).toBe('IDENTITY_NOT_MATCHED');
    expect(wrongName.body).toEqual(unknown.body);
    expect((await rawAccount(session.account.id))?.identity).toBeNull();
  });

  let bound: Session;
  it('success answers only masked data', async () => {
    bound = await devSignIn(app, 'insured-user');
    const response = await bind(bound, { name: insured.name, idNumber: insured.idNumber.toLowerCase() });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({
      maskedName: '赵**',
      maskedIdNumber: `330602********${insured.idNumber.slice(-4)}`,
      boundAt: expect.any(String),
    });
    expect(response.text).not.toContain(insured.idNumber);
    expect(response.text).not.toContain(insured.name);

    const me = await app.request('GET', '/api/accounts/me', { token: bound.accessToken });
    expect(me.body.identity).toEqual(response.body);
    expect(me.text).not.toContain(insured.idNumber);
  });

  it('the stored account holds a lookup key and ciphertext, not the number or the name', async () => {
    const raw = await rawAccount(bound.account.id);
    const text = JSON.stringify(raw);
    expect(text).not.toContain(insured.idNumber);
    expect(text).not.toContain(insured.idNumber.slice(6, 14));
    expect(text).not.toContain(insured.name);
    expect(raw?.identity.idNumberCipher).toMatch(/^v1\.dev\.[\w-]+\.[\w-]+$/);
    expect(raw?.identity.lookupKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the bind is in the audit log with the masked id', async () => {
    const entries = await app.connection.db!.collection('audit_log').find({ action: 'identity.bind' }).toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      subjectMaskedId: `330602********${insured.idNumber.slice(-4)}`,
      route: '/api/accounts/me/identity',
    });
  });

  it('one person binds one account: another account is refused with 409', async () => {
    const other = await devSignIn(app, 'impostor');
    const response = await bind(other, { name: insured.name, idNumber: insured.idNumber });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('IDENTITY_ALREADY_BOUND');
    expect((await rawAccount(other.account.id))?.identity).toBeNull();
  });

  it('an account may replace its binding with another person it can prove', async () => {
    const response = await bind(bound, alsoInsured);
    expect(response.status).toBe(200);
    expect(response.body.maskedName).toBe('孙**');
  });

  it('guessing is rate-limited per account: the sixth attempt within the hour is 429', async () => {
    startNextWindow(app.clock, 3_600_000);
    const guesser = await devSignIn(app, 'guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push(
        (await bind(guesser, { name: '某某', idNumber: withCheckChar(`3306021990010${100 + i}9`) })).status,
      );
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    const limited = await bind(guesser, { name: insured.name, idNumber: insured.idNumber });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('the limit holds under concurrency: of 12 parallel attempts exactly 5 get past it', async () => {
    startNextWindow(app.clock, 3_600_000);
    const racer = await devSignIn(app, 'racing-guesser');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        bind(racer, { name: '某某', idNumber: withCheckChar(`3306021990020${100 + i}9`) }),
      ),
    );
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it('operator objects and unknown keys are 400 and store nothing', async () => {
    const session = await devSignIn(app, 'injector');
    for (const body of [
      { name: insured.name, idNumber: { $gt: '' } },
      { name: insured.name, idNumber: insured.idNumber, roles: ['admin'] },
    ]) {
      const response = await bind(session, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await rawAccount(session.account.id))?.identity).toBeNull();
  });
});

describe('nothing leaks', () => {
  it('no response or log line holds an ID number or platform secret, and no log line a session token', () => {
    expectNothingLeaked(app);
  });
});
