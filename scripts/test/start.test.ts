import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startDemo, stopDemo } from './support/demo-process';

const dataDir = mkdtempSync(join(tmpdir(), 'warmcity-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` after the install and build steps: scripts/start.ts on a persistent data dir. */
const start = () => startDemo(dataDir);
const stop = stopDemo;

it('starts the demo, prints its URL and accounts, is ready, keeps its data across a restart, and stops on SIGTERM', async () => {
  const first = await start();
  expect(first.output()).toMatch(/demo accounts/);
  expect(first.output()).toMatch(/demo-resident/);
  const ready = await fetch(`${first.url}/readyz`);
  expect(ready.status).toBe(200);
  const signIn = await fetch(`${first.url}/api/accounts/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'dev', code: 'demo-resident' }),
  });
  expect(signIn.status).toBe(200);
  const { account } = (await signIn.json()) as { account: { id: string } };
  expect(await stop(first.child)).toBe(0);

  // The second start finds the seeded accounts on disk and seeds nothing new.
  const second = await start();
  const again = await fetch(`${second.url}/api/accounts/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'dev', code: 'demo-resident' }),
  });
  expect(((await again.json()) as { account: { id: string } }).account.id).toBe(account.id);
  expect(await stop(second.child)).toBe(0);
});
