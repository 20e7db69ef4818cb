import { z } from 'zod';
import { defineOperation } from '../contract/operation';

export const systemApi = {
  health: defineOperation({
    id: 'system.health',
    method: 'GET',
    path: '/healthz',
    summary: 'The process is up',
    access: 'public',
    response: z.strictObject({ status: z.literal('ok') }),
  }),
  ready: defineOperation({
    id: 'system.ready',
    method: 'GET',
    path: '/readyz',
    summary: 'The database answers a ping',
    access: 'public',
    response: z.strictObject({ status: z.literal('ready') }),
    problems: ['DATABASE_UNAVAILABLE'],
  }),
  openapi: defineOperation({
    id: 'system.openapi',
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    access: 'public',
    cacheControl: 'public, max-age=300',
    response: z.record(z.string(), z.unknown()),
  }),
  metrics: defineOperation({
    id: 'system.metrics',
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics of this process; 404 unless METRICS_TOKEN is set and sent as the Bearer token',
    // Not a session: the scraper's own token, checked by the handler, so it answers like a missing route.
    access: 'public',
    produces: 'text/plain; version=0.0.4',
    response: z.string(),
    problems: ['ROUTE_NOT_FOUND'],
  }),
} as const;
