#!/usr/bin/env node
// Prints the weapp main package and each subpackage size and fails over budget.
// WeChat's hard limit is 2 MB per package; we keep far below it.
// Usage: node scripts/bundle-size.mjs [dist/weapp]   (build first: NODE_ENV=production npx taro build --type weapp)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN_LIMIT = 400 * 1024;
const SUBPACKAGE_LIMIT = 300 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'));
const appJsonPath = path.join(dir, 'app.json');
if (!existsSync(appJsonPath)) {
  console.error(`bundle-size: ${appJsonPath} not found; build first: NODE_ENV=production npx taro build --type weapp`);
  process.exit(2);
}
const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'));
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''));

// project.config.json and source maps are not uploaded as part of the code package.
const ignored = (rel) => rel === 'project.config.json' || rel === 'project.private.config.json' || rel.endsWith('.map');

function sizeOf(target, skip = () => false, base = target) {
  let total = 0;
  for (const entry of readdirSync(target)) {
    const full = path.join(target, entry);
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (skip(rel)) continue;
    const stat = statSync(full);
    total += stat.isDirectory() ? sizeOf(full, skip, base) : ignored(rel) ? 0 : stat.size;
  }
  return total;
}

const fmt = (bytes) => `${String(bytes).padStart(9)} B  ${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const rows = [{ name: 'main', bytes: sizeOf(dir, (rel) => roots.includes(rel)), limit: MAIN_LIMIT }];
for (const root of roots) {
  const full = path.join(dir, root);
  rows.push({ name: root, bytes: existsSync(full) ? sizeOf(full) : 0, limit: SUBPACKAGE_LIMIT });
}

let failed = false;
console.log(`weapp package sizes (${path.relative(process.cwd(), dir) || '.'})`);
for (const row of rows) {
  const over = row.bytes > row.limit;
  failed ||= over;
  console.log(
    `  ${row.name.padEnd(14)}${fmt(row.bytes)}   limit ${(row.limit / 1024).toFixed(0)} KB${over ? '  OVER BUDGET' : ''}`,
  );
}
const total = rows.reduce((sum, r) => sum + r.bytes, 0);
console.log(`  ${'total'.padEnd(14)}${fmt(total)}`);
if (failed) {
  console.error('bundle-size: over budget (main 400 KB, each subpackage 300 KB)');
  process.exit(1);
}
