// `npm start`: the embedded database on .data/db, the demo data (idempotent, so only the first
// run changes anything), and the BFF serving the H5 app, in one process.
import { ConfigError } from '@warmcity/bff/config';
import { exitOnSignals, runBff } from '@warmcity/bff/run';
import { seedDemo } from './seed/index';

let seeded: string[] = [];
try {
  const running = await runBff({
    env: { LOG_LEVEL: 'warn', ...process.env },
    prepare: async (connection) => {
      seeded = await seedDemo(connection);
    },
  });
  exitOnSignals(running);
  const shown = running.url.replace('127.0.0.1', 'localhost');
  console.log(`\n  暖城 WarmCity is running: open ${shown}\n`);
  for (const line of seeded) console.log(`  ${line}`);
  console.log(`  readiness: ${shown}/readyz   API: ${shown}/api/openapi.json   stop: Ctrl-C\n`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
