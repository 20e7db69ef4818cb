#!/usr/bin/env node
// Prints the JS a browser downloads on first load of the H5 app (the external scripts index.html
// loads), raw and as the BFF serves it: the .br / .gz written beside each asset by the build,
// the raw file where the build wrote none (koa-send does the same). Fails when the gzip figure,
// the larger of the two encodings and what a browser without brotli gets, is over budget.
// Usage: node scripts/h5-size.mjs [dist/h5]   (build first: NODE_ENV=production npx taro build --type h5)
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 150 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, '../dist/h5'));
const indexPath = path.join(dir, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`h5-size: ${indexPath} not found; build first: NODE_ENV=production npx taro build --type h5`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]);
if (scripts.length === 0) {
  console.error('h5-size: index.html loads no script; is this an H5 build?');
  process.exit(2);
}

const served = (file, ext) => (existsSync(file + ext) ? statSync(file + ext).size : statSync(file).size);
const rows = scripts.map((src) => {
  const file = path.join(dir, new URL(src, 'http://h5.invalid/').pathname);
  if (!existsSync(file)) {
    console.error(`h5-size: index.html loads ${src}, which is not in the build`);
    process.exit(2);
  }
  return { src, raw: statSync(file).size, gzip: served(file, '.gz'), br: served(file, '.br') };
});
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, br: sum.br + r.br }), {
  raw: 0,
  gzip: 0,
  br: 0,
});

const kb = (bytes) => `${String(bytes).padStart(8)} B ${(bytes / 1024).toFixed(1).padStart(6)} KB`;
console.log(`H5 first-load JS (${path.relative(process.cwd(), dir) || '.'}): raw | gzip | brotli`);
for (const row of [...rows, { src: 'total', ...total }]) {
  console.log(`  ${row.src.padEnd(24)}${kb(row.raw)} |${kb(row.gzip)} |${kb(row.br)}`);
}
const over = total.gzip > LIMIT;
console.log(`  budget ${LIMIT / 1024} KB compressed (gzip)${over ? '  OVER BUDGET' : ''}`);
if (over) {
  console.error(`h5-size: first-load JS is ${(total.gzip / 1024).toFixed(1)} KB gzipped, over ${LIMIT / 1024} KB`);
  process.exit(1);
}
