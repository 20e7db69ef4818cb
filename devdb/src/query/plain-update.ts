import type { Document } from 'bson';
import { formatValue } from '../bson/format';
import { fail } from '../errors';
import { bsonTypeName } from './types';

// mingo's updater registers every query and expression operator afresh for each document it
// updates, which made it most of a `findOneAndUpdate`'s cost. The updates an application sends
// on its hot paths are plain: `$set`, `$unset` and `$push` of one value on dotted paths through
// embedded documents. Those are applied here; anything else (positional paths, arrayFilters,
// paths through arrays, `_id`, `$push` modifiers, conflicting paths) goes
// to mingo as before, so every answer and error stays the one the conformance tests pin.

const PLAIN_OPERATORS = new Set(['$set', '$unset', '$push']);

type Step = { parent: Document; key: string };

const isEmbedded = (v: unknown): v is Document =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

// `_id` is immutable: mingo's path reports the attempt with mongod's wording.
const plainPath = (path: string) =>
  path !== '_id' && !path.startsWith('_id.') && path.split('.').every((part) => part !== '' && !part.startsWith('$'));

/** No two paths where one is the other or lies under it (mongod refuses those: code 40). */
function independent(paths: string[]): boolean {
  const sorted = [...paths].sort();
  return sorted.every((path, i) => i === 0 || (path !== sorted[i - 1] && !path.startsWith(`${sorted[i - 1]}.`)));
}

/**
 * Where `path` lands in `doc`: the embedded document that holds (or will hold) its last field,
 * or `undefined` when it runs through something that is not an embedded document (an array, a
 * scalar) and only mingo knows the answer. `create` makes the missing parents (for `$set`/`$push`).
 */
function locate(doc: Document, path: string, create: boolean): Step | null | undefined {
  const parts = path.split('.');
  let node: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next: unknown = node[part];
    if (next === undefined) {
      if (!create) return null;
      const made: Document = {};
      node[part] = made;
      node = made;
    } else if (isEmbedded(next)) node = next;
    else return undefined;
  }
  return { parent: node, key: parts[parts.length - 1]! };
}

/** Applies `ops` to `doc` in place and answers true, or answers false having changed nothing. */
export function applyPlainUpdate(doc: Document, ops: Document, arrayFilters: unknown): boolean {
  if (arrayFilters !== undefined) return false;
  const entries = Object.entries(ops);
  if (!entries.every(([op]) => PLAIN_OPERATORS.has(op))) return false;
  const paths = entries.flatMap(([, fields]) => Object.keys(fields as Document));
  if (!paths.every(plainPath) || !independent(paths)) return false;
  for (const [op, fields] of entries) {
    for (const [path, value] of Object.entries(fields as Document)) {
      // A dry walk first, so a refusal leaves `doc` untouched for mingo.
      const step = locate(doc, path, false);
      if (step === undefined) return false;
      if (op === '$push') {
        if (isEmbedded(value) && Object.keys(value).some((k) => k.startsWith('$'))) return false;
        const current = step?.parent[step.key];
        // mingo ignores such a push; mongod refuses the whole update.
        if (current !== undefined && !Array.isArray(current)) {
          fail(
            2,
            `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document {_id: ${formatValue(doc._id)}}`,
          );
        }
      }
    }
  }
  const writes = entries.flatMap(([op, fields]) =>
    Object.entries(fields as Document).map(([path, value]) => ({ op, path, value })),
  );
  // mongod (since 5.0) walks the fields in name order, numeric names numerically, across all
  // operators, so new fields are appended in that order whatever order the update listed them.
  writes.sort((a, b) => comparePaths(a.path, b.path));
  for (const { op, path, value } of writes) {
    const step = locate(doc, path, op !== '$unset');
    if (!step) continue;
    if (op === '$set') step.parent[step.key] = value;
    else if (op === '$unset') delete step.parent[step.key];
    else step.parent[step.key] = [...((step.parent[step.key] as unknown[] | undefined) ?? []), value];
  }
  return true;
}

const NUMERIC = /^\d+$/;

function comparePaths(a: string, b: string): number {
  const [as, bs] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const [x, y] = [as[i]!, bs[i]!];
    if (x === y) continue;
    if (NUMERIC.test(x) && NUMERIC.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
