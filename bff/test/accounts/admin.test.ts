import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin } from '../../src/features/accounts/tasks';
import { systemClock } from '../../src/platform/deps';
import { devSignIn, expectNothingLeaked, startAccountsApp, type AccountsTestApp, type Session } from './support';

const school = '65f0a0000000000000ac0001';
const site = '65f0a0000000000000ac0002';

let app: AccountsTestApp;
let admin: Session;
let staff: Session;
beforeAll(async () => {
  app = await startAccountsApp();
  const first = await devSignIn(app, 'the-admin');
  expect(await makeAdmin({ connection: app.connection, clock: systemClock }, first.account.id)).toBe(true);
  // Roles travel in the access token, so the new role shows after a refresh.
  admin = (await app.request('POST', '/api/accounts/refresh', { body: { refreshToken: first.refreshToken } })).body;
  staff = await devSignIn(app, 'future-staff');
});
afterAll(() => app?.close());

const scopePath = (accountId: string, kind: string, id: string) =>
  `/api/admin/accounts/${accountId}/staff-scopes/${kind}/${id}`;

describe('staff scopes through the admin API', () => {
  it('granting a scope makes the account staff; the scope reaches its token at the next refresh', async () => {
    const granted = await app.request('PUT', scopePath(staff.account.id, 'school', school), {
      token: admin.accessToken,
    });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toMatchObject({
      roles: ['resident', 'staff'],
      staffScopes: [{ kind: 'school', id: school }],
      identityBound: false,
    });

    const again = await app.request('PUT', scopePath(staff.account.id, 'school', school), { token: admin.accessToken });
    expect(again.body.staffScopes).toHaveLength(1);

    staff = (await app.request('POST', '/api/accounts/refresh', { body: { refreshToken: staff.refreshToken } })).body;
    const payload = JSON.parse(Buffer.from(staff.accessToken.split('.')[1]!, 'base64url').toString());
    expect(payload).toMatchObject({ roles: ['resident', 'staff'], scopes: [`school:${school}`] });
  });

  it('staff cannot use admin routes', async () => {
    const response = await app.request('PUT', scopePath(staff.account.id, 'charging-site', site), {
      token: staff.accessToken,
    });
    expect(response.status).toBe(403);
  });

  it('revoking the last scope takes the staff role with it', async () => {
    await app.request('PUT', scopePath(staff.account.id, 'charging-site', site), { token: admin.accessToken });
    const one = await app.request('DELETE', scopePath(staff.account.id, 'school', school), {
      token: admin.accessToken,
    });
    expect(one.body).toMatchObject({
      roles: ['resident', 'staff'],
      staffScopes: [{ kind: 'charging-site', id: site }],
    });
    const last = await app.request('DELETE', scopePath(staff.account.id, 'charging-site', site), {
      token: admin.accessToken,
    });
    expect(last.body).toMatchObject({ roles: ['resident'], staffScopes: [] });
  });

  it('an account that does not exist is 404', async () => {
    const response = await app.request('PUT', scopePath('65f0a0000000000000ac00ff', 'school', school), {
      token: admin.accessToken,
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('lists accounts by role, newest first, page by page', async () => {
    const all = await app.request('GET', '/api/admin/accounts?limit=1', { token: admin.accessToken });
    expect(all.body.items).toHaveLength(1);
    expect(all.body.nextCursor).toEqual(expect.any(String));
    const next = await app.request('GET', `/api/admin/accounts?limit=1&cursor=${all.body.nextCursor}`, {
      token: admin.accessToken,
    });
    expect(next.body.items[0].id).not.toBe(all.body.items[0].id);
    const admins = await app.request('GET', '/api/admin/accounts?role=admin', { token: admin.accessToken });
    expect(admins.body.items.map((a: { id: string }) => a.id)).toEqual([admin.account.id]);
  });
});

describe('the audit log', () => {
  it('admins query it by subject and action; grants and revokes are there, with their route', async () => {
    const response = await app.request('GET', `/api/admin/audit-log?subject=${staff.account.id}`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.body.items.map((e: { action: string }) => e.action)).toEqual([
      'staff-scope.revoke',
      'staff-scope.revoke',
      'staff-scope.grant',
      'staff-scope.grant',
      'staff-scope.grant',
    ]);
    expect(response.body.items[0]).toMatchObject({
      actor: admin.account.id,
      route: '/api/admin/accounts/:id/staff-scopes/:kind/:scopeId',
    });
    const grants = await app.request('GET', '/api/admin/audit-log?action=staff-scope.grant&limit=2', {
      token: admin.accessToken,
    });
    expect(grants.body.items).toHaveLength(2);
    expect(grants.body.nextCursor).not.toBeNull();
  });

  it('is append-only: the model refuses to change or delete an entry', async () => {
    const { AuditLog } = await import('../../src/platform/personal-data/audit');
    await expect(AuditLog(app.connection).deleteMany({})).rejects.toThrow(/append-only/);
    await expect(AuditLog(app.connection).updateOne({}, { $set: { action: 'x.y' } })).rejects.toThrow(/append-only/);
  });
});

describe('nothing leaks', () => {
  it('no response or log line holds an ID number or platform secret, and no log line a session token', () => {
    expectNothingLeaked(app);
  });
});
