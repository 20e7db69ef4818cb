import type { Document } from 'bson';
import { rankOf } from '../bson/compare';
import type { Collection } from '../collection';
import { Bound, type Index } from '../indexes/index';
import { stats } from '../stats';
import { stringOrder } from './collation';
import { compileFilter } from './filter';

type Range = { low: [unknown, boolean]; high: [unknown, boolean] };
type FieldBounds = { field: string; ranges: Range[]; point: boolean; includesNull: boolean };

const isPlain = (v: unknown): v is Document =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

const isOperatorObject = (v: unknown): v is Document => isPlain(v) && Object.keys(v).some((k) => k.startsWith('$'));

/** Values an index point lookup can serve: arrays and regexes match by other rules. */
const pointable = (v: unknown) => !Array.isArray(v) && !(v instanceof RegExp) && !isOperatorObject(v);

const point = (v: unknown): Range => ({ low: [v, true], high: [v, true] });

function boundsFor(field: string, cond: unknown): FieldBounds | undefined {
  if (!isOperatorObject(cond)) {
    return pointable(cond) ? { field, ranges: [point(cond)], point: true, includesNull: cond === null } : undefined;
  }
  if ('$eq' in cond && pointable(cond.$eq)) {
    return { field, ranges: [point(cond.$eq)], point: true, includesNull: cond.$eq === null };
  }
  if (Array.isArray(cond.$in) && cond.$in.every(pointable)) {
    return { field, ranges: cond.$in.map(point), point: true, includesNull: cond.$in.includes(null) };
  }
  const lowOp = '$gt' in cond ? '$gt' : '$gte' in cond ? '$gte' : undefined;
  const highOp = '$lt' in cond ? '$lt' : '$lte' in cond ? '$lte' : undefined;
  const lowV = lowOp && cond[lowOp];
  const highV = highOp && cond[highOp];
  if ((lowOp && !pointable(lowV)) || (highOp && !pointable(highV))) return undefined;
  if (lowOp && highOp && rankOf(lowV) !== rankOf(highV)) return undefined;
  if (!lowOp && !highOp) return undefined;
  const rank = rankOf(lowOp ? lowV : highV);
  return {
    field,
    point: false,
    includesNull: false,
    ranges: [
      {
        low: lowOp ? [lowV, lowOp === '$gte'] : [new Bound(rank, false), true],
        high: highOp ? [highV, highOp === '$lte'] : [new Bound(rank, true), true],
      },
    ],
  };
}

function fieldConditions(filter: Document, out: FieldBounds[] = []): FieldBounds[] {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) cond.forEach((c) => isPlain(c) && fieldConditions(c, out));
    if (key.startsWith('$')) continue;
    const b = boundsFor(key, cond);
    if (b) out.push(b);
  }
  return out;
}

function chooseIndex(coll: Collection, filter: Document): { index: Index; ranges: Range[] } | undefined {
  let best: { index: Index; ranges: Range[]; score: number } | undefined;
  for (const cond of fieldConditions(filter)) {
    for (const index of coll.indexes.values()) {
      if (index.fields[0] !== cond.field || index.spec.partialFilterExpression) continue;
      if (index.spec.sparse && cond.includesNull) continue;
      const score = (cond.point ? 4 : 0) + (index.unique ? 2 : 0) + (index.fields.length === 1 ? 1 : 0);
      if (!best || score > best.score) best = { index, ranges: cond.ranges, score };
    }
  }
  if (!best) return undefined;
  // A multikey document can satisfy `$gt` and `$lt` through different elements, so only one
  // side of a range may narrow a multikey scan.
  const oneSided = (r: Range): Range =>
    r.low[0] === r.high[0] || r.low[0] instanceof Bound || r.high[0] instanceof Bound
      ? r
      : { low: r.low, high: [new Bound(rankOf(r.low[0]), true), true] };
  const ranges = best.index.multikey ? best.ranges.map(oneSided) : best.ranges;
  return { index: best.index, ranges };
}

export interface MatchOptions {
  /** Stop after this many matches (no sort pending). */
  limit?: number;
  /** The command's `let` parameters. */
  variables?: Document;
  /** The command's collation; indexes hold binary order, so a non-simple one scans. */
  collation?: Document;
}

/** Matching [recordId, document] pairs, through an index when the filter allows one. */
export function matchDocuments(coll: Collection | undefined, filter: Document | undefined, opts: MatchOptions = {}): Array<[number, Document]> {
  if (!coll) return [];
  const matches = compileFilter(filter, opts.variables, opts.collation);
  const out: Array<[number, Document]> = [];
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const plan = filter && !stringOrder(opts.collation) ? chooseIndex(coll, filter) : undefined;
  if (plan) {
    const seen = new Set<number>();
    for (const range of plan.ranges) {
      const rids: number[] = [];
      stats.keysExamined += plan.index.scan(range.low, range.high, (rid) => rids.push(rid));
      for (const rid of rids) {
        if (seen.has(rid)) continue;
        seen.add(rid);
        const doc = coll.docs.get(rid)!;
        stats.docsExamined++;
        if (matches(doc)) out.push([rid, doc]);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
  for (const entry of coll.docs) {
    stats.docsExamined++;
    if (matches(entry[1])) out.push(entry);
    if (out.length >= limit) break;
  }
  return out;
}
