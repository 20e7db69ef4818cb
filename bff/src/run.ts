import type { Connection } from 'mongoose';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { openDatabase } from './database';
import { featureSweepers, features } from './features/index';
import { accountDataRegistry } from './platform/feature';
import { paymentHookRegistry } from './platform/payments/hooks';
import { uploadHookRegistry } from './platform/uploads/hooks';
import { systemClock } from './platform/deps';
import { createLogger } from './platform/logger';
import { registerModels } from './platform/model';
import { startSweepers } from './platform/sweeper';
import { serve } from './server';
import { createShutdown } from './shutdown';

// Load balancers stop routing to an instance within a few seconds; requests older than this are
// cut rather than holding the deploy.
const GRACE_MS = 10_000;

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Runs once the indexes exist and before the port opens (the demo seeds its data here). */
  prepare?: (connection: Connection, config: Config) => Promise<void>;
}

export interface Running {
  readonly url: string;
  readonly config: Config;
  readonly connection: Connection;
  /** Stops accepting, finishes in-flight requests, closes the pool and devdb; idempotent. */
  shutdown(reason: string): Promise<void>;
}

/** Config → database → indexes → app → listening; shared by `main.ts`, `npm start` and the
 * end-to-end tests so all three start the BFF the same way. */
export async function runBff(options: RunOptions = {}): Promise<Running> {
  const config = loadConfig(options.env ?? process.env);
  const logger = createLogger(config);
  const database = await openDatabase(config);
  try {
    // syncIndexes only sees models bound to the connection; createApp binds them too late.
    registerModels(database.connection);
    await database.connection.syncIndexes();
    await options.prepare?.(database.connection, config);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = createApp({ config, connection: database.connection, logger });
  const { server, url } = await serve(app, { port: config.PORT, host: config.HOST });
  const sweepers = startSweepers(featureSweepers, {
    config,
    connection: database.connection,
    logger,
    clock: systemClock,
    accountData: accountDataRegistry(features),
    paymentHooks: paymentHookRegistry(features),
    uploadHooks: uploadHookRegistry(features),
  });
  const shutdown = createShutdown({
    server,
    logger,
    graceMs: GRACE_MS,
    then: [() => sweepers.stop(), () => database.close()],
  });
  logger.info({ url, database: config.usesDevDb ? 'devdb' : 'mongodb' }, 'listening');
  return { url, config, connection: database.connection, shutdown };
}

/** SIGTERM (the orchestrator) and SIGINT (Ctrl-C) both drain and exit. */
export function exitOnSignals(running: Pick<Running, 'shutdown'>) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}
