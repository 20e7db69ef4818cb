import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeAccount } from '../../src/platform/account-status';
import { devSignIn, type Session } from '../accounts/support';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

const refused = { status: 401, code: 'ACCOUNT_INACTIVE' };
const outcome = (response: { status: number; body: { code?: string } }) => ({
  status: response.status,
  code: response.body.code,
});

describe('an access token outliving its account', () => {
  let session: Session;
  let sessionId: string;
  beforeAll(async () => {
    session = await devSignIn(app, 'leaving-parent');
    sessionId = await app.createSession({ capacity: 2 });
    expect((await app.book(session.accessToken, sessionId)).status).toBe(201);
    expect((await app.request('DELETE', '/api/accounts/me', { token: session.accessToken })).status).toBe(200);
  });

  it('books, subscribes and reads nothing on any route once the account is deleted', async () => {
    const token = session.accessToken;
    const answers = [
      await app.book(token, sessionId),
      await app.request('POST', `${base}/subscriptions`, {
        token,
        body: { target: 'course', targetId: app.courseId },
        headers: { 'idempotency-key': randomUUID() },
      }),
      await app.request('GET', `${base}/me/bookings`, { token }),
      await app.request('GET', `${base}/me/subscriptions`, { token }),
      await app.request('GET', `${base}/sessions/${sessionId}`, { token }),
      await app.request('GET', '/api/accounts/me', { token }),
    ];
    expect(answers.map(outcome)).toEqual(answers.map(() => refused));
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 0, confirmed: 0 });
  });

  it('a suspended account is refused the same way, and public routes stay open without a token', async () => {
    const { token, user } = app.signIn('resident');
    expect((await app.request('GET', `${base}/me/bookings`, { token })).status).toBe(200);
    await revokeAccount(app.connection, user.id, 'suspended', new Date());
    expect(outcome(await app.request('GET', `${base}/me/bookings`, { token }))).toEqual(refused);
    expect((await app.request('GET', `${base}/sessions/${sessionId}`)).status).toBe(200);
  });
});
