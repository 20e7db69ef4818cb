import Router from '@koa/router';
import Koa from 'koa';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { operations as declaredOperations, type OperationSpec } from '@warmcity/shared';
import type { Config } from './config';
import { features as declaredFeatures, pendingFeatures } from './features/index';
import { bindOperations, checkImplementations, placeholdersFor } from './platform/bind';
import { corsFor } from './platform/cors';
import { systemClock, type Clock, type Deps } from './platform/deps';
import { accountDataRegistry, type FeatureModule } from './platform/feature';
import { h5App } from './platform/h5-app';
import type { Implementation } from './platform/implement';
import { paymentHookRegistry, type PaymentHookRegistry } from './platform/payments/hooks';
import { createLogger } from './platform/logger';
import { requestMetrics } from './platform/metrics';
import { registerModels } from './platform/model';
import { problemResponses } from './platform/problem-responses';
import { uploadHookRegistry } from './platform/uploads/hooks';
import { requestId } from './platform/request-id';
import { requestLog } from './platform/request-log';
import { securityHeaders } from './platform/security-headers';
import { methodNotAllowed, routeNotFound } from './platform/unmatched';
import './platform/state';

export interface AppOptions {
  config: Config;
  connection: Connection;
  logger?: Logger;
  clock?: Clock;
  /** Tests add their own operations (a slow one, an idempotent one) next to the real ones. */
  operations?: readonly OperationSpec[];
  /** The features whose account-data hooks run; their routes unless `routes` says otherwise. */
  features?: readonly FeatureModule[];
  routes?: readonly Implementation[];
  /** Tests stand in for a paying feature with their own hooks. */
  paymentHooks?: PaymentHookRegistry;
}

/** The whole HTTP app, not listening; `main.ts` and the tests serve it. */
export function createApp(options: AppOptions): Koa {
  const { config, connection, operations = declaredOperations } = options;
  const features = options.features ?? declaredFeatures;
  const implemented = options.routes ?? features.flatMap((feature) => feature.routes);
  const routes = [...implemented, ...placeholdersFor(operations, implemented, pendingFeatures)];
  checkImplementations(operations, routes);
  registerModels(connection);
  const deps: Deps = {
    config,
    connection,
    logger: options.logger ?? createLogger(config),
    clock: options.clock ?? systemClock,
    accountData: accountDataRegistry(features),
    paymentHooks: options.paymentHooks ?? paymentHookRegistry(features),
    uploadHooks: uploadHookRegistry(features),
  };

  const router = new Router();
  bindOperations(router, routes, deps);

  // Koa keeps the last `maxIpsCount` entries of X-Forwarded-For: the ones our own balancers wrote.
  const app = new Koa({ proxy: config.TRUSTED_PROXY_HOPS > 0, maxIpsCount: config.TRUSTED_PROXY_HOPS });
  app
    .use(requestId)
    .use(requestLog(deps.logger))
    .use(requestMetrics)
    .use(problemResponses)
    .use(securityHeaders(config))
    .use(corsFor(config.CORS_ORIGIN))
    .use(router.routes())
    .use(methodNotAllowed(router))
    .use(h5App(config.H5_DIST))
    .use(routeNotFound);
  return app;
}
