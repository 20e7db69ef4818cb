import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { buildPath, operations, type OperationSpec } from '@warmcity/shared';

/** The contract's route table: what the sweep must cover, all of it. Test-only operations are
 * left out, so "100%" means the routes a client can call. */
export const contract: readonly OperationSpec[] = operations;

export const needsSession = (operation: OperationSpec) =>
  operation.access === 'resident' || operation.access === 'staff' || operation.access === 'admin';

export const hasPathParams = (operation: OperationSpec) => Object.keys(operation.params?.shape ?? {}).length > 0;

const candidates = [
  '65f0c0ffee0000000000abcd',
  '1',
  'abc',
  '2025-01-01',
  'cemetery:65f0c0ffee0000000000abcd',
  // A memorial's QR code.
  'k7m2p9x4qa',
  // A charging port's code.
  'K7M2P9X4',
];

/** The operation's path with a value each path parameter's schema accepts (`given` first), so
 * a request gets past routing and parameter validation to what the sweep is probing. */
export function samplePath(operation: OperationSpec, given: Record<string, string> = {}): string {
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(operation.params?.shape ?? {})) {
    const schema = field as z.ZodType & { options?: unknown[] };
    const value =
      given[name] ??
      (Array.isArray(schema.options)
        ? String(schema.options[0])
        : candidates.find((candidate) => schema.safeParse(candidate).success));
    if (value === undefined)
      throw new Error(
        `${operation.id}: no sample value for path parameter "${name}"; add one to sweep/support/contract.ts`,
      );
    values[name] = value;
  }
  return buildPath(operation.path, values);
}

/** Headers a request needs to reach validation: an idempotency key where one is demanded. */
export const requiredHeaders = (operation: OperationSpec, key: string): Record<string, string> =>
  operation.idempotent
    ? { 'idempotency-key': `sweep-${createHash('sha256').update(key).digest('hex').slice(0, 32)}` }
    : {};

/** Runs `work` over `items`, `width` at a time: enough to keep the app busy, few enough that a
 * failure names its case in order. */
export async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}
