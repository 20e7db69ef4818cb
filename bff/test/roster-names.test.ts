import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../src/features/accounts/account.model';
import { signAccessToken } from '../src/platform/session';
import { startParentSchoolApp, type ParentSchoolTestApp } from './parent-school/support';

// Across two features (accounts keeps names, parent-school shows the roster), so it lives here.
let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

describe('the roster names each family masked, through the platform lookup', () => {
  it('a verified holder shows as 王**, one without a verified name as null', async () => {
    const verified = await Accounts(app.connection).create({
      provider: 'dev',
      providerSubject: 'roster-names',
      createdAt: new Date(),
      identity: {
        lookupKey: 'k'.repeat(64),
        idNumberCipher: 'cipher',
        nameCipher: 'cipher',
        maskedIdNumber: '330602********1234',
        maskedName: '王**',
        boundAt: new Date(),
      },
    });
    const named = signAccessToken(app.config, { id: verified._id.toHexString(), roles: ['resident'], scopes: [] });
    const anonymous = app.resident();
    const sessionId = await app.createSession();
    expect((await app.book(named, sessionId, randomUUID())).status).toBe(201);
    expect((await app.book(anonymous, sessionId, randomUUID())).status).toBe(201);

    const roster = await app.request('GET', `/api/parent-school/staff/sessions/${sessionId}/roster`, {
      token: app.staff,
    });
    expect(roster.status, roster.text).toBe(200);
    expect(roster.body.entries.map((entry: { maskedName: string | null }) => entry.maskedName)).toEqual(['王**', null]);
  });
});
