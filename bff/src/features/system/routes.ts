import { api, buildOpenApi, operations } from '@warmcity/shared';
import { pingDatabase } from '../../platform/database';
import { implement } from '../../platform/implement';
import { metricsRegistry, metricsTokenMatches } from '../../platform/metrics';
import { problem } from '../../platform/problem';

// Short enough for a load balancer's probe timeout; a healthy database answers in milliseconds.
const READY_TIMEOUT_MS = 1000;

let openApi: ReturnType<typeof buildOpenApi> | undefined;

export const systemRoutes = implement(api.system, {
  health: () => ({ status: 'ok' }),
  ready: async ({ deps }) => {
    if (!(await pingDatabase(deps.connection, READY_TIMEOUT_MS))) throw problem('DATABASE_UNAVAILABLE');
    return { status: 'ready' };
  },
  openapi: () => {
    openApi ??= buildOpenApi(operations, { title: 'WarmCity API', version: '0.1.0' });
    return openApi;
  },
  // Not public in production: without the token it answers exactly like a route that does not exist.
  metrics: async ({ ctx, deps }) => {
    if (!metricsTokenMatches(deps.config.METRICS_TOKEN, ctx.get('Authorization') || undefined))
      throw problem('ROUTE_NOT_FOUND');
    return metricsRegistry.metrics();
  },
});
