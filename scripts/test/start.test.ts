import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(scriptsDir, '..', 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'warmcity-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` after the install and build steps: scripts/start.ts on a persistent data dir. */
async function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(tsx, ['start.ts'], {
    cwd: scriptsDir,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', DEVDB_PATH: dataDir, MONGODB_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      // The banner ends with the stop hint; the URL line may arrive in an earlier chunk.
      const match = /open (http:\/\/\S+)[\s\S]*stop: Ctrl-C/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

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
