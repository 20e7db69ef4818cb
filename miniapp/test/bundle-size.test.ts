import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../scripts/bundle-size.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeBuild(sizes: Record<string, number>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'weapp-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'app.json'),
    JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'charging', pages: [] }] }),
  );
  for (const [file, bytes] of Object.entries(sizes)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), Buffer.alloc(bytes));
  }
  return dir;
}

const run = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

it('counts subpackage roots apart from the main package and passes within budget', () => {
  const result = run(
    fakeBuild({ 'app.js': 100 * 1024, 'charging/pages/index/index.js': 50 * 1024, 'app.js.map': 900 * 1024 }),
  );
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/main\s+\d+ B\s+100\.\d KB/);
  expect(result.stdout).toMatch(/charging\s+51200 B\s+50\.0 KB/);
});

it('fails when the main package or a subpackage is over budget', () => {
  expect(run(fakeBuild({ 'app.js': 401 * 1024 })).status).toBe(1);
  const sub = run(fakeBuild({ 'app.js': 1024, 'charging/big.js': 301 * 1024 }));
  expect(sub.status).toBe(1);
  expect(sub.stdout).toContain('OVER BUDGET');
});
