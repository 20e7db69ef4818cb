// MongoDB's own CRUD conformance vectors, read from the shared spec folder at test time (they are
// not ours to copy). Against devdb by default; against a real server when MONGODB_URI is set,
// which is how a disagreement between the two is settled.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';

import { startDevDb } from '../../src/index.js';
import { describeServer, loadSpecFiles, runTest, skipReason } from './unified-runner.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const specDir = resolve(repoRoot, process.env.MONGO_SPEC_DIR ?? '../shared/mongo-spec/crud-unified');

if (!existsSync(specDir)) {
  const message = `crud-unified: skipped, spec vectors not found at ${specDir} (set MONGO_SPEC_DIR to the crud-unified folder)`;
  console.warn(message);
  describe('crud-unified', () => {
    it.skip(message, () => {});
  });
} else {
  const devdb = process.env.MONGODB_URI ? undefined : await startDevDb({});
  const uri = process.env.MONGODB_URI ?? devdb!.uri;
  const internal = await new MongoClient(uri).connect();
  const server = await describeServer(internal, uri);

  const counts = { passed: 0, failed: 0, skipped: 0 };
  const reasons = new Map<string, number>();

  afterAll(async () => {
    await internal.close();
    await devdb?.stop();
    const byReason = [...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    console.log(
      `crud-unified: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` +
        ` (server ${server.version} ${server.topology}; reasons: ${byReason || 'none'})`,
    );
  });

  for (const file of loadSpecFiles(specDir)) {
    describe(file.file, () => {
      for (const test of file.tests) {
        const reason = skipReason(file, test, server);
        if (reason) {
          counts.skipped++;
          const category = reason.slice(0, reason.indexOf(':'));
          reasons.set(category, (reasons.get(category) ?? 0) + 1);
          it.skip(`${test.description} [${reason}]`, () => {});
          continue;
        }
        it(test.description, async () => {
          try {
            await runTest(file, test, uri, internal);
            counts.passed++;
          } catch (error) {
            counts.failed++;
            throw error;
          }
        });
      }
    });
  }
}
