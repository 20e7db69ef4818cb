import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { operations } from '@warmcity/shared';

const CATEGORIES = ['sessions', 'roles', 'inputs', 'foreign-objects', 'references', 'lists', 'replays', 'callbacks'];

/**
 * Adds up what the sweep files covered. When every category ran, the routes they covered
 * together must be the whole contract, or the run fails; a run of some files only prints
 * its share.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'warmcity-sweep-'));
  project.provide('sweepCaptureDir', dir);
  return () => {
    const captures = readdirSync(dir).map(
      (file) =>
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as { category: string; cases: Record<string, number> },
    );
    rmSync(dir, { recursive: true, force: true });
    if (captures.length === 0) return;
    const covered = new Set(captures.flatMap((capture) => Object.keys(capture.cases)));
    const cases = captures.flatMap((capture) => Object.values(capture.cases)).reduce((sum, n) => sum + n, 0);
    const total = operations.length;
    const ran = captures.map((capture) => capture.category);
    const percent = Math.floor((covered.size / total) * 100);
    const complete = CATEGORIES.every((category) => ran.includes(category));
    console.log(
      `sweep: ${covered.size} routes (${percent}% of contract), ${cases.toLocaleString('en')} cases` +
        (complete ? '' : ` (partial run: ${ran.sort().join(', ')})`),
    );
    const missing = operations.filter((operation) => !covered.has(operation.id)).map((operation) => operation.id);
    if (complete && missing.length > 0) {
      process.exitCode = 1;
      throw new Error(`the security sweep missed ${missing.length} routes of the contract: ${missing.join(', ')}`);
    }
  };
}
