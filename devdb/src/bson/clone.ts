import { bsonTag } from './compare';

/**
 * Deep copy of a stored document. BSON value classes (ObjectId, Long, Binary, ...) are
 * immutable in practice and shared; plain objects, arrays and Dates are copied so an update
 * can be applied to the copy and discarded if an index rejects it.
 */
export function cloneDocument<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (bsonTag(value) !== undefined || value instanceof Uint8Array || value instanceof RegExp) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneDocument((value as Record<string, unknown>)[key]);
  return out as T;
}
