import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { createLogger } from './platform/logger';
import { serve } from './server';
import { createShutdown } from './shutdown';

// Load balancers stop routing to an instance within a few seconds; requests older than this are
// cut rather than holding the deploy.
const GRACE_MS = 10_000;

async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await openDatabase(config);
  await database.connection.syncIndexes();
  const app = createApp({ config, connection: database.connection, logger });
  const { server, url } = await serve(app, { port: config.PORT, host: config.HOST });
  const shutdown = createShutdown({ server, logger, graceMs: GRACE_MS, then: [() => database.close()] });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  logger.info({ url, database: config.usesDevDb ? 'devdb' : 'mongodb' }, 'listening');
  console.log(`WarmCity BFF on ${url} (${config.usesDevDb ? `devdb at ${config.DEVDB_PATH}` : 'MONGODB_URI'})`);
}

main().catch((error: unknown) => {
  // A configuration error is the operator's to fix: say what is wrong, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
