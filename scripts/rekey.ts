/**
 * Re-encrypts every stored sealed value under the current DATA_KEY after a rotation
 * (docs/operations.md, section 2):
 *   pnpm --filter @warmcity/scripts rekey
 * Uses MONGODB_URI, DATA_KEY, DATA_KEY_ID and DATA_KEYS_RETIRED like the BFF, which may keep
 * running meanwhile: each document is rewritten only if the app did not change it since it was
 * read. Prints one JSON line per collection, then one saying whether any value still uses a
 * retired key (`canDropRetiredKeys`). Exits 1 while one does or a value could not be rekeyed,
 * so running it again until it exits 0 is the whole procedure.
 */
import { loadConfig } from '@warmcity/bff/config';
import { runRekey } from '@warmcity/bff/rekey';

const config = loadConfig();
if (!config.MONGODB_URI) {
  console.error('MONGODB_URI is not set: point it at the database the BFF uses (devdb prints its URI).');
  process.exit(2);
}
const { reports, summary } = await runRekey(config, config.MONGODB_URI);
for (const report of reports) console.log(JSON.stringify(report));
console.log(JSON.stringify(summary));
process.exitCode = summary.canDropRetiredKeys && summary.failed === 0 ? 0 : 1;
