/**
 * Loads a batch file from the insurance system:
 *   pnpm --filter @warmcity/scripts insurance-import <persons|contributions|maternity-stages|filings|chronic> <file.csv|file.jsonl>
 * CSV (UTF-8, UTF-8 with BOM or GBK; the detected encoding is reported) or JSON lines by the
 * file's extension. Streams in batches, so a file of millions of rows runs in bounded memory;
 * progress goes to stderr, the row report (bad rows by line) to stdout as JSON. Running the
 * same file again changes nothing; a file of another kind is refused (exit 2) before any row.
 * Uses MONGODB_URI and DATA_KEY like the BFF, whose start builds the indexes the upserts rely on.
 */
import { createReadStream, statSync } from 'node:fs';
import { loadConfig } from '@warmcity/bff/config';
import { openTaskDeps } from '@warmcity/bff/accounts/tasks';
import { ImportFileError, importFile, importKinds, type ImportKind } from '@warmcity/bff/insurance/import';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [kindArg, file] = process.argv.slice(2);
const kind = importKinds.find((known: ImportKind) => known === kindArg);
if (!kind || !file) fail(`usage: insurance-import <${importKinds.join('|')}> <file.csv|file.jsonl>`);
const format = file.endsWith('.jsonl') || file.endsWith('.ndjson') ? 'jsonl' : 'csv';
const config = loadConfig();
if (!config.MONGODB_URI) fail('MONGODB_URI is not set: point it at the database the BFF uses.');
const deps = await openTaskDeps(config, config.MONGODB_URI);

const size = statSync(file).size;
const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
const started = Date.now();
try {
  const report = await importFile(deps, kind, stream, {
    format,
    onProgress: (rows) => {
      const percent = size === 0 ? 100 : Math.floor((stream.bytesRead / size) * 100);
      const bar = '#'.repeat(Math.floor(percent / 4)).padEnd(25, '.');
      process.stderr.write(`\r[${bar}] ${percent}% ${rows} rows`);
    },
  });
  process.stderr.write(`\n${report.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log(JSON.stringify(report, null, 2));
} catch (error) {
  // A file of another kind (an unknown column): nothing of it was written; say why, not a stack.
  if (!(error instanceof ImportFileError)) throw error;
  process.stderr.write(`\nrefused, nothing written: ${error.message}\n`);
  process.exitCode = 2;
} finally {
  await deps.close();
}
