import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';

// Error messages can quote stored values (a duplicate-key message quotes the key); runs of 11+
// digits are phone or ID numbers, which never go to a log.
const scrub = (text: string | undefined) => text?.replace(/\d{11,}/g, '[digits]');

function safeError(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: scrub(error.message),
    stack: scrub(error.stack),
  };
}

/** JSON lines on stdout (or `destination`, which tests use to read what was logged). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'warmcity-bff' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
