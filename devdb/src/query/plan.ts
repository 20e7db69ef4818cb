import type { Document } from 'bson';
import { rankOf } from '../bson/compare';
import type { Collection } from '../collection';
import { Bound, type Index, type KeyBound } from '../indexes/index';
import { stats } from '../stats';
import { filterBounds, impliesPartial, isSimple, type FieldBounds, type FilterBounds, type Range } from './bounds';
import { stringOrder } from './collation';
import { compileFilter, type Matcher } from './filter';

// Beyond this many key ranges (the product of `$in` lists) a shorter prefix is scanned instead.
const MAX_KEY_RANGES = 4096;

interface Plan {
  index: Index;
  ranges: Array<{ low: KeyBound; high: KeyBound }>;
  /** How many leading index fields the ranges constrain. */
  width: number;
  /** Keys whose constrained values are all simple match without looking at the document. */
  covered: boolean;
}

// A multikey document can satisfy `$gt` and `$lt` through different elements, so only one
// side of a range may narrow a multikey scan (`{$gte: 3, $lte: 3}` matches [2, 4]).
const oneSided = (r: Range): Range =>
  r.low[0] instanceof Bound || r.high[0] instanceof Bound
    ? r
    : { low: r.low, high: [new Bound(rankOf(r.low[0]), true), true] };

/** Bounds on a prefix of the index's fields: equality on each but the last, which may be a range. */
function usablePrefix(index: Index, bounds: FilterBounds): FieldBounds[] {
  const used: FieldBounds[] = [];
  let combinations = 1;
  for (const field of index.fields) {
    const b = bounds.fields.get(field);
    if (!b || combinations * b.ranges.length > MAX_KEY_RANGES) break;
    used.push(b);
    combinations *= Math.max(1, b.ranges.length);
    if (!b.point) break;
  }
  // A sparse index leaves out documents missing every field; a null condition matches those.
  if (index.spec.sparse && used.every((b) => b.includesNull)) return [];
  return used;
}

function keyRanges(used: FieldBounds[], multikey: boolean): Plan['ranges'] {
  let ranges: Plan['ranges'] = [{ low: { values: [], inclusive: true }, high: { values: [], inclusive: true } }];
  for (const b of used) {
    const next: Plan['ranges'] = [];
    for (const r of ranges) {
      for (const fr of b.ranges) {
        const { low, high } = multikey && !b.point ? oneSided(fr) : fr;
        next.push({
          low: { values: [...r.low.values, low[0]], inclusive: low[1] },
          high: { values: [...r.high.values, high[0]], inclusive: high[1] },
        });
      }
    }
    ranges = next;
  }
  return ranges;
}

/**
 * Equality fields narrow most, a trailing range less; a unique index bound on every field
 * finds at most one document per key; a shorter index has fewer keys to step over.
 */
function score(index: Index, used: FieldBounds[]): number {
  const points = used.filter((b) => b.point).length;
  const whole = index.unique && points === index.fields.length;
  return (whole ? 1000 : 0) + points * 4 + (used.length > points ? 2 : 0) - index.fields.length / 100;
}

function choosePlan(coll: Collection, filter: Document): Plan | undefined {
  const bounds = filterBounds(filter);
  if (bounds.fields.size === 0) return undefined;
  let best: { index: Index; used: FieldBounds[]; score: number } | undefined;
  for (const index of coll.indexes.values()) {
    // A geo index holds points, not the field's values; only near queries read it.
    if (index.geoFields.length) continue;
    const partial = index.spec.partialFilterExpression;
    if (partial && !impliesPartial(bounds, partial)) continue;
    const used = usablePrefix(index, bounds);
    if (used.length === 0) continue;
    const s = score(index, used);
    if (!best || s > best.score) best = { index, used, score: s };
  }
  if (!best) return undefined;
  const { index, used } = best;
  return {
    index,
    ranges: keyRanges(used, index.multikey),
    width: used.length,
    covered: bounds.exact && !index.multikey && used.length === bounds.fields.size,
  };
}

function simplePrefix(key: readonly unknown[], width: number): boolean {
  for (let i = 0; i < width; i++) if (!isSimple(key[i])) return false;
  return true;
}

export interface MatchOptions {
  /** Stop after this many matches (no sort pending). */
  limit?: number;
  /** The command's `let` parameters. */
  variables?: Document;
  /** The command's collation; indexes hold binary order, so a non-simple one scans. */
  collation?: Document;
}

/**
 * Visits the matching [recordId, document] pairs (documents fetched only when `fetch` or when
 * the index alone cannot decide); `visit` returning true stops the walk.
 */
function eachMatch(
  coll: Collection,
  filter: Document | undefined,
  opts: MatchOptions,
  fetch: boolean,
  visit: (rid: number, doc: Document | undefined) => boolean,
): void {
  const plan = filter && !stringOrder(opts.collation) ? choosePlan(coll, filter) : undefined;
  // Building a mingo query is most of a small command's cost; a covered plan's filter holds
  // nothing mingo could reject, so it is built only if some key cannot decide on its own.
  let compiled: Matcher | undefined = plan?.covered ? undefined : compileFilter(filter, opts.variables, opts.collation);
  const matches = (doc: Document) => (compiled ??= compileFilter(filter, opts.variables, opts.collation))(doc);
  if (!plan) {
    for (const [rid, doc] of coll.docs) {
      stats.docsExamined++;
      if (matches(doc) && visit(rid, doc)) return;
    }
    return;
  }
  const seen = plan.index.multikey ? new Set<number>() : undefined;
  for (const range of plan.ranges) {
    const rids: number[] = [];
    const decided: boolean[] = [];
    stats.keysExamined += plan.index.scan(range.low, range.high, (rid, key) => {
      rids.push(rid);
      decided.push(plan.covered && simplePrefix(key, plan.width));
    });
    for (let i = 0; i < rids.length; i++) {
      const rid = rids[i]!;
      if (seen?.has(rid)) continue;
      seen?.add(rid);
      let doc: Document | undefined;
      if (fetch || !decided[i]) {
        doc = coll.docs.get(rid)!;
        stats.docsExamined++;
        if (!decided[i] && !matches(doc)) continue;
      }
      if (visit(rid, doc)) return;
    }
  }
}

/** Matching [recordId, document] pairs, through an index when the filter allows one. */
export function matchDocuments(
  coll: Collection | undefined,
  filter: Document | undefined,
  opts: MatchOptions = {},
): Array<[number, Document]> {
  if (!coll) return [];
  const out: Array<[number, Document]> = [];
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  eachMatch(coll, filter, opts, true, (rid, doc) => out.push([rid, doc!]) >= limit);
  return out;
}

/** How many documents match; a filter the index bounds answer whole is counted from keys alone. */
export function countMatches(
  coll: Collection | undefined,
  filter: Document | undefined,
  opts: MatchOptions = {},
): number {
  if (!coll) return 0;
  let n = 0;
  eachMatch(coll, filter, opts, false, () => (n++, false));
  return n;
}
