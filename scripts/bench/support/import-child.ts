// One insurance import in its own process, so its peak RSS is the import's alone:
// `import-child.ts <kind> <file>` with MONGODB_URI set. Prints one JSON line: the report's counts,
// the seconds it took and the process's peak resident memory.
import { createReadStream } from 'node:fs';
import { loadConfig } from '@warmcity/bff/config';
import { openTaskDeps } from '@warmcity/bff/accounts/tasks';
import { importFile, type ImportKind } from '@warmcity/bff/insurance/import';

const [kind, file] = process.argv.slice(2) as [ImportKind, string];
const config = loadConfig();
const deps = await openTaskDeps(config, config.MONGODB_URI!);
const started = performance.now();
try {
  const report = await importFile(deps, kind, createReadStream(file, { highWaterMark: 256 * 1024 }), { format: 'csv' });
  const seconds = (performance.now() - started) / 1000;
  const { rows, accepted, rejected, upserted } = report;
  // maxRSS is in kilobytes.
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ rows, accepted, rejected, upserted, seconds, rssMb }));
} finally {
  await deps.close();
}
