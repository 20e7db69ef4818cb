import type { Document } from 'bson';
import { bsonTag, compareValues, Rank, rankOf } from '../bson/compare';
import { Bound } from '../indexes/index';

export type Range = { low: [unknown, boolean]; high: [unknown, boolean] };

/**
 * What one field's condition allows an index to narrow to. `exact` means a document whose
 * indexed value is `simple` and falls in `ranges` matches the condition, and no other does.
 */
export type FieldBounds = { field: string; ranges: Range[]; point: boolean; includesNull: boolean; exact: boolean };

export interface FilterBounds {
  fields: Map<string, FieldBounds>;
  /** Every part of the filter is some field's exact bounds, so bounds alone decide a match. */
  exact: boolean;
}

export const isPlain = (v: unknown): v is Document =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

const isOperatorObject = (v: unknown): v is Document => isPlain(v) && Object.keys(v).some((k) => k.startsWith('$'));

/** Values an index point lookup can serve: arrays and regexes match by other rules. */
const pointable = (v: unknown) => !Array.isArray(v) && !(v instanceof RegExp) && !isOperatorObject(v);

/**
 * Values whose equality and order under MongoDB's rules are exactly compareValues': no null
 * (it also matches missing fields), no NaN, no numeric wrapper classes, no documents or arrays.
 */
export function isSimple(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return !Number.isNaN(v);
    case 'object':
      return (v instanceof Date && !Number.isNaN(v.getTime())) || bsonTag(v) === 'ObjectId';
    default:
      return false;
  }
}

const point = (v: unknown): Range => ({ low: [v, true], high: [v, true] });

function points(field: string, values: unknown[], exact: boolean): FieldBounds {
  const sorted = [...values].sort(compareValues).filter((v, i, all) => i === 0 || compareValues(all[i - 1], v) !== 0);
  return {
    field,
    ranges: sorted.map(point),
    point: true,
    includesNull: values.includes(null),
    exact: exact && values.every(isSimple),
  };
}

function boundsFor(field: string, cond: unknown): FieldBounds | undefined {
  if (!isOperatorObject(cond)) return pointable(cond) ? points(field, [cond], true) : undefined;
  const ops = Object.keys(cond).length;
  if ('$eq' in cond && pointable(cond.$eq)) return points(field, [cond.$eq], ops === 1);
  if (Array.isArray(cond.$in) && cond.$in.every(pointable)) return points(field, cond.$in, ops === 1);
  const lowOp = '$gt' in cond ? '$gt' : '$gte' in cond ? '$gte' : undefined;
  const highOp = '$lt' in cond ? '$lt' : '$lte' in cond ? '$lte' : undefined;
  if (!lowOp && !highOp) return undefined;
  const lowV = lowOp && cond[lowOp];
  const highV = highOp && cond[highOp];
  if ((lowOp && !pointable(lowV)) || (highOp && !pointable(highV))) return undefined;
  const rank = rankOf(lowOp ? lowV : highV);
  // MinKey and MaxKey compare across type brackets, so no one bracket bounds them.
  if (rank === Rank.MinKey || rank === Rank.MaxKey || (lowOp && highOp && rankOf(lowV) !== rankOf(highV)))
    return undefined;
  const used = [lowV, highV].filter((_, i) => (i ? highOp : lowOp));
  return {
    field,
    point: false,
    includesNull: false,
    exact: ops === used.length && used.every(isSimple),
    ranges: [
      {
        low: lowOp ? [lowV, lowOp === '$gte'] : [new Bound(rank, false), true],
        high: highOp ? [highV, highOp === '$lte'] : [new Bound(rank, true), true],
      },
    ],
  };
}

function collect(filter: Document, out: FilterBounds): void {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) cond.forEach((c) => isPlain(c) && collect(c, out));
    const b = key.startsWith('$') ? undefined : boundsFor(key, cond);
    // A field constrained twice keeps its first bounds; the matcher applies the second.
    if (!b || out.fields.has(key)) out.exact = false;
    if (b && !out.fields.has(key)) out.fields.set(key, b);
    if (b && !b.exact) out.exact = false;
  }
}

/** Per-field index bounds of a filter (its top level and `$and` branches). */
export function filterBounds(filter: Document): FilterBounds {
  const out: FilterBounds = { fields: new Map(), exact: true };
  collect(filter, out);
  return out;
}

/**
 * The `$type` names and numbers of the values whose BSON type has one representation. A number
 * is left out: `{f: 2}` also matches a stored Long or Double, which a partial filter on the
 * number's type or value may have left out of the index.
 */
function typeNames(v: unknown): Array<string | number> | undefined {
  if (typeof v === 'string') return ['string', 2];
  if (typeof v === 'boolean') return ['bool', 8];
  if (v instanceof Date && !Number.isNaN(v.getTime())) return ['date', 9];
  if (bsonTag(v) === 'ObjectId') return ['objectId', 7];
  return undefined;
}

const sameValue = (a: unknown, b: unknown) =>
  typeNames(a) !== undefined && typeNames(a)?.[0] === typeNames(b)?.[0] && compareValues(a, b) === 0;

/**
 * Whether a stored value equal to `v` passes `op: arg` of a partial filter. Each operator accepted
 * here passes a document when any value at the path passes, so one value equal to `v` suffices.
 */
function valuePasses(v: unknown, op: string, arg: unknown): boolean {
  switch (op) {
    case '$eq':
      return sameValue(v, arg);
    case '$in':
      return Array.isArray(arg) && arg.some((a) => sameValue(v, a));
    case '$exists':
      return arg === true && v !== null && v !== undefined;
    case '$type': {
      const names = typeNames(v);
      return (
        names !== undefined && (Array.isArray(arg) ? arg : [arg]).some((t) => names.includes(t as string | number))
      );
    }
    default:
      return false;
  }
}

/**
 * Whether every document the filter matches passes a partial index's filter, so the index holds
 * all of them. Proved only from the filter's equality and `$in` bounds; anything else answers no.
 */
export function impliesPartial(bounds: FilterBounds, partial: Document): boolean {
  return Object.entries(partial).every(([key, cond]) => {
    if (key === '$and') return Array.isArray(cond) && cond.every((c) => isPlain(c) && impliesPartial(bounds, c));
    const b = bounds.fields.get(key);
    if (key.startsWith('$') || !b?.point || b.includesNull) return false;
    const conds: Array<[string, unknown]> = isOperatorObject(cond) ? Object.entries(cond) : [['$eq', cond]];
    return b.ranges.every(({ low: [v] }) => conds.every(([op, arg]) => valuePasses(v, op, arg)));
  });
}
