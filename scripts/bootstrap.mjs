#!/usr/bin/env node
// The quick start's two commands, `npm start` and `npm test`. They run before anything is
// installed, so this file is plain Node with no dependencies: it brings pnpm itself through npx
// (no global install), installs the workspace, builds what is stale, then hands over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pnpm = (args, env) => run('npx', ['--yes', PNPM, ...args], env);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const inputs = [
    'pnpm-lock.yaml',
    'package.json',
    ...['shared', 'bff', 'miniapp', 'devdb', 'scripts'].map((p) => `${p}/package.json`),
  ];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestInput) return;
  console.log('› installing dependencies (pnpm 12.4.2 through npx)…');
  pnpm(['install', '--frozen-lockfile']);
}

/** Rebuilds a Taro target when its output is missing or older than the sources it is built from. */
function ensureMiniappBuild(target) {
  const out = join(root, 'miniapp', 'dist', target);
  // An interrupted build leaves the folder without its entry file; that is not a build.
  const entry = join(out, target === 'h5' ? 'index.html' : 'app.json');
  const built = existsSync(entry) ? newestMtime(out) : 0;
  const sources = Math.max(
    ...['miniapp/src', 'miniapp/config', 'shared/src', 'miniapp/package.json'].map((p) => newestMtime(join(root, p))),
  );
  if (built >= sources && built > 0) return;
  console.log(`› building the ${target} app (production)…`);
  pnpm(['--filter', '@warmcity/miniapp', `build:${target}`], { NODE_ENV: 'production' });
}

/** Runs every project once, then repeats the count as a plain `N passed, N failed` line, the
 * one form of summary every CI reader understands. */
function runTests() {
  const results = join(mkdtempSync(join(tmpdir(), 'warmcity-tests-')), 'results.json');
  const vitest = spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`],
    { cwd: root, stdio: 'inherit' },
  );
  if (existsSync(results)) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(results, 'utf8'));
    console.log(
      `\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
    );
    if (vitest.status !== 0 && numFailedTests === 0)
      console.log('the run failed outside a test (set-up, teardown or the leak scan): see above');
  }
  process.exit(vitest.status ?? 1);
}

const [command] = process.argv.slice(2);
ensureInstalled();

if (command === 'start') {
  ensureMiniappBuild('h5');
  pnpm(['--filter', '@warmcity/scripts', 'start']);
} else if (command === 'test') {
  ensureMiniappBuild('weapp');
  if (existsSync(chromiumPath)) ensureMiniappBuild('h5');
  else
    console.log(
      `› end-to-end tests will be skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  runTests();
} else {
  console.error('usage: node scripts/bootstrap.mjs <start|test>');
  process.exit(2);
}
