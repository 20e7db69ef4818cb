import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { AccountDataRegistry } from './feature';
import type { PaymentHookRegistry } from './payments/hooks';
import type { UploadHookRegistry } from './uploads/hooks';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every handler and service is given instead of reaching for globals, so a test can run
 * the app against its own database, logger and clock. */
export interface Deps {
  readonly connection: Connection;
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Every feature's account-data hooks, for the accounts feature to call without importing them. */
  readonly accountData: AccountDataRegistry;
  /** Each feature's payment hooks, by feature name (`platform/payments/README.md`). */
  readonly paymentHooks: PaymentHookRegistry;
  /** Each feature's upload view hook, by feature name (`platform/uploads/README.md`). */
  readonly uploadHooks: UploadHookRegistry;
}
