import { ConfigError } from './config';
import { exitOnSignals, runBff } from './run';

try {
  const running = await runBff();
  exitOnSignals(running);
  const { config } = running;
  console.log(`WarmCity BFF on ${running.url} (${config.usesDevDb ? `devdb at ${config.DEVDB_PATH}` : 'MONGODB_URI'})`);
} catch (error) {
  // A configuration error is the operator's to fix: say what is wrong, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
