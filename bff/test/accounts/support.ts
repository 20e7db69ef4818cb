import { expect } from 'vitest';
import { bffEnvFor, startPlatformLoginFake, type PlatformLoginFake } from '../../../scripts/fakes/platform-login';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/app';

export interface AccountsTestApp extends TestApp {
  readonly platform: PlatformLoginFake;
}

/** The real app wired to the fake WeChat and Alipay login servers, as the demo is. */
export async function startAccountsApp(options: TestAppOptions = {}): Promise<AccountsTestApp> {
  const platform = await startPlatformLoginFake();
  const app = await startTestApp({
    ...options,
    env: { ...bffEnvFor(platform), ...options.env },
  });
  const closeApp = app.close.bind(app);
  return Object.assign(app, {
    platform,
    async close() {
      await closeApp();
      await platform.close();
    },
  });
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  account: { id: string; roles: string[]; staffScopes: { kind: string; id: string }[]; identity: unknown };
}

export async function devSignIn(app: TestApp, code: string): Promise<Session> {
  const response = await app.request('POST', '/api/accounts/sign-in', { body: { provider: 'dev', code } });
  expect(response.status, response.text).toBe(200);
  return response.body as Session;
}

const ID_NUMBER = /\d{17}[\dXx]/;
// A 24-hex ObjectId can hold 18 decimal digits in a row by chance; it is not an ID number.
const OBJECT_ID = /\b[0-9a-f]{24}\b/g;

/**
 * What the "no leak" rule asks of a whole run, applied to everything one app sent and
 * logged: no 18-digit ID number in any response or log line; no session_key or platform token
 * anywhere; no access or refresh token in a log line (responses carry them by design).
 */
export function expectNothingLeaked(app: AccountsTestApp): void {
  const issued = app.responses.flatMap((text) =>
    [...text.matchAll(/"(?:accessToken|refreshToken)":"([^"]+)"/g)].map((m) => m[1]!),
  );
  expect(app.responses.length).toBeGreaterThan(0);
  expect(app.logs.length).toBeGreaterThan(0);
  for (const text of [...app.responses, ...app.logs]) {
    expect(ID_NUMBER.exec(text.replace(OBJECT_ID, '<id>'))?.[0], text).toBeUndefined();
    for (const secret of app.platform.issuedSecrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/session_key|sessionKey/i);
  }
  for (const line of app.logs) for (const token of issued) expect(line).not.toContain(token);
}
