import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../scripts/h5-size.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const page =
  '<script>inline()</script><script defer src="/js/a.js"></script><script defer="defer" src="/js/b.js"></script>';

function fakeBuild(sizes: Record<string, number>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'h5-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'index.html'), page);
  for (const [file, bytes] of Object.entries(sizes)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), Buffer.alloc(bytes));
  }
  return dir;
}

const run = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

it('adds up the scripts index.html loads, raw and as served, counting raw where no .gz/.br was written', () => {
  const result = run(
    fakeBuild({
      'js/a.js': 300_000,
      'js/a.js.gz': 90_000,
      'js/a.js.br': 80_000,
      'js/b.js': 1000,
      'js/lazy.js': 900_000,
    }),
  );
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/total\s+301000 B\s+293\.9 KB \|\s+91000 B\s+88\.9 KB \|\s+81000 B\s+79\.1 KB/);
});

it('fails over 150 KB gzipped', () => {
  const result = run(fakeBuild({ 'js/a.js': 600_000, 'js/a.js.gz': 150 * 1024, 'js/a.js.br': 100_000, 'js/b.js': 1 }));
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('OVER BUDGET');
});

it('refuses a build whose index.html names a missing script', () => {
  expect(run(fakeBuild({ 'js/a.js': 10 })).status).toBe(2);
});
