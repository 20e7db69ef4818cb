import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { defineFeature } from '../../src/platform/feature';
import { upsertRegistryPerson } from '../../src/features/accounts/tasks';
import { devSignIn, expectNothingLeaked, startAccountsApp, type AccountsTestApp, type Session } from './support';

const person = { name: '钱佳怡', idNumber: `${'33060219950505908'}${idNumberCheckChar('33060219950505908')}` };
const masked = `330602********${person.idNumber.slice(-4)}`;

// Listed like parent-school (whose hooks run too): something to cancel, data to export.
const cancelled: string[] = [];
const testFeature = defineFeature({
  name: 'test-feature',
  routes: [],
  accountData: {
    onAccountDeleted: async (accountId) => {
      cancelled.push(accountId);
    },
    exportData: async (accountId) => ({ bookings: [{ session: 'demo', owner: accountId }] }),
  },
});

let app: AccountsTestApp;
let session: Session;
beforeAll(async () => {
  app = await startAccountsApp({ extraFeatures: [testFeature] });
  await upsertRegistryPerson(app.connection, app.config, person);
  session = await devSignIn(app, 'privacy-user');
  const bound = await app.request('PUT', '/api/accounts/me/identity', { token: session.accessToken, body: person });
  expect(bound.status).toBe(200);
});
afterAll(() => app?.close());

describe('隐私: my data', () => {
  it('shows the account, its sessions, who read my data, and what features hold, masked', async () => {
    const response = await app.request('GET', '/api/accounts/me/data', { token: session.accessToken });
    expect(response.status, response.text).toBe(200);
    expect(response.body.account.identity).toMatchObject({ maskedIdNumber: masked, maskedName: '钱**' });
    expect(response.body.sessions).toHaveLength(1);
    expect(response.body.auditTrail).toEqual([expect.objectContaining({ action: 'identity.bind', byMe: true })]);
    expect(response.body.features['test-feature'].bookings[0].owner).toBe(session.account.id);
    expect(response.text).not.toContain(person.name);
  });

  it('export is the same as a JSON attachment, and each read is audited', async () => {
    const response = await app.request('GET', '/api/accounts/me/export', { token: session.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="warmcity-my-data\.json"$/);
    expect(response.body.exportedAt).toEqual(expect.any(String));
    expect(response.body.account.id).toBe(session.account.id);
    expect(response.body.auditTrail.map((entry: { action: string }) => entry.action)).toEqual([
      'personal-data.read',
      'identity.bind',
    ]);
  });
});

describe('隐私: delete my account', () => {
  let auditBefore: number;
  beforeAll(async () => {
    auditBefore = await app.connection
      .db!.collection('audit_log')
      .countDocuments({ subjectAccount: new Types.ObjectId(session.account.id) });
  });

  it("runs the features' hooks, erases the personal fields and ends every session", async () => {
    const other = await devSignIn(app, 'privacy-user');
    const response = await app.request('DELETE', '/api/accounts/me', { token: session.accessToken });
    expect(response.status, response.text).toBe(200);
    expect(cancelled).toEqual([session.account.id]);

    const raw = await app.connection
      .db!.collection('accounts')
      .findOne({ _id: new Types.ObjectId(session.account.id) });
    expect(raw).toMatchObject({
      providerSubject: null,
      identity: null,
      roles: [],
      staffScopes: [],
      deletedAt: expect.any(Date),
    });
    for (const refreshToken of [session.refreshToken, other.refreshToken]) {
      expect((await app.request('POST', '/api/accounts/refresh', { body: { refreshToken } })).status).toBe(401);
    }
  });

  it('the still-unexpired access token no longer reaches the account', async () => {
    const response = await app.request('GET', '/api/accounts/me', { token: session.accessToken });
    expect(response.status).toBe(401);
    expect((await app.request('DELETE', '/api/accounts/me', { token: session.accessToken })).status).toBe(401);
    expect(cancelled).toHaveLength(1);
  });

  it('keeps the audit entries, with the masked id, and adds the deletion', async () => {
    const entries = await app.connection
      .db!.collection('audit_log')
      .find({ subjectAccount: new Types.ObjectId(session.account.id) })
      .toArray();
    expect(entries).toHaveLength(auditBefore + 1);
    expect(entries.every((entry) => entry.subjectMaskedId === masked)).toBe(true);
    expect(entries.at(-1)?.action).toBe('account.delete');
  });

  it('the same person signing in again starts a new, empty account, and may bind again', async () => {
    const again = await devSignIn(app, 'privacy-user');
    expect(again.account.id).not.toBe(session.account.id);
    expect(again.account.identity).toBeNull();
    expect(
      (await app.request('PUT', '/api/accounts/me/identity', { token: again.accessToken, body: person })).status,
    ).toBe(200);
  });
});

describe('nothing leaks', () => {
  it('no response or log line holds an ID number or platform secret, and no log line a session token', () => {
    expectNothingLeaked(app);
  });
});
