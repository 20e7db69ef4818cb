import { compareValues } from '../bson/compare';

export type KeyPattern = Record<string, number | string>;

/**
 * Values a document contributes to an index field. Arrays fan out (multikey), a missing
 * field counts as null, and an empty array indexes as undefined (which MongoDB orders with null).
 */
export function fieldValues(doc: unknown, path: string): { values: unknown[]; multikey: boolean } {
  // Every write computes every index's keys; most are one top-level scalar.
  if (!path.includes('.') && doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const value = (doc as Record<string, unknown>)[path];
    if (!Array.isArray(value)) return { values: [value === undefined ? null : value], multikey: false };
  }
  const out: unknown[] = [];
  let multikey = false;
  const visit = (value: unknown, parts: string[], i: number): void => {
    if (Array.isArray(value)) {
      multikey = true;
      if (i === parts.length) {
        if (value.length === 0) out.push(undefined);
        for (const v of value) out.push(v);
        return;
      }
      const part = parts[i]!;
      if (/^\d+$/.test(part) && value.length > Number(part)) return visit(value[Number(part)], parts, i + 1);
      if (value.length === 0) out.push(null);
      for (const v of value) visit(v, parts, i);
      return;
    }
    if (i === parts.length) {
      out.push(value === undefined ? null : value);
      return;
    }
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      return visit((value as Record<string, unknown>)[parts[i]!], parts, i + 1);
    }
    out.push(null);
  };
  visit(doc, path.split('.'), 0);
  return { values: dedupe(out), multikey };
}

function dedupe(values: unknown[]): unknown[] {
  if (values.length < 2) return values;
  const out: unknown[] = [];
  for (const v of values) if (!out.some((x) => compareValues(x, v) === 0)) out.push(v);
  return out;
}

/** All index keys (cartesian product over the fields) a document produces. */
export function documentKeys(doc: unknown, fields: string[]): { keys: unknown[][]; multikey: boolean } {
  let keys: unknown[][] = [[]];
  let multikey = false;
  for (const field of fields) {
    const r = fieldValues(doc, field);
    multikey ||= r.multikey;
    if (keys.length === 1 && r.values.length === 1) keys[0]!.push(r.values[0]);
    else keys = keys.flatMap((prefix) => r.values.map((v) => [...prefix, v]));
  }
  return { keys, multikey };
}

/** The value at a dotted path through embedded documents, arrays not fanned out (a legacy pair is one point). */
export function geoValue(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function isFieldMissing(doc: unknown, path: string): boolean {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return true;
    if (Array.isArray(value)) return value.length === 0 || value.every((v) => isFieldMissing(v, part));
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined;
}

export function defaultIndexName(key: KeyPattern): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join('_');
}
