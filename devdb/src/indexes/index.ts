import { createRequire } from 'node:module';
import type { Document } from 'bson';
import type * as SortedBTree from 'sorted-btree';
import { compareValues, rankOf, type Rank } from '../bson/compare';
import { formatFields } from '../bson/format';
import { MongoCommandError } from '../errors';
import { geoKey } from '../query/geo';
import { documentKeys, geoValue, isFieldMissing, type KeyPattern } from './keys';

// sorted-btree is CommonJS with an `exports.default`; Node's ESM loader and vite disagree on
// what a default import of it is, so take it through require where both agree.
const { default: BTree } = createRequire(import.meta.url)('sorted-btree') as typeof SortedBTree;

export interface IndexSpec {
  v: number;
  key: KeyPattern;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/** The low or high end of one BSON type's range, so a `$gt: 5` scan stops at the last number. */
export class Bound {
  constructor(
    readonly rank: Rank,
    readonly high: boolean,
  ) {}
}

const LOWEST = new Bound(0 as Rank, false);
const HIGHEST = new Bound(255 as Rank, true);

/** Leading field values of one end of a scan, and whether that end is included. */
export type KeyBound = { values: readonly unknown[]; inclusive: boolean };

/** [...fieldValues, recordId]: the record id makes every entry unique, so duplicates can coexist. */
type Entry = unknown[];

/**
 * A spread literal (`[...key, rid]`) gets a growable backing store of ~17 slots; with one entry
 * per document per index that tripled index memory, so entries are built at their exact size.
 */
function entryOf(key: unknown[], rid: number): Entry {
  if (key.length === 1) return [key[0], rid];
  const entry = new Array<unknown>(key.length + 1);
  for (let i = 0; i < key.length; i++) entry[i] = key[i];
  entry[key.length] = rid;
  return entry;
}

/** The entry just outside (or at) one end of a scan: unbound fields and the record id padded past it. */
function boundKey({ values, inclusive }: KeyBound, width: number, high: boolean): Entry {
  const after = inclusive === high;
  const key = new Array<unknown>(width + 1).fill(after ? HIGHEST : LOWEST);
  for (let i = 0; i < values.length; i++) key[i] = values[i];
  key[width] = after ? Infinity : -Infinity;
  return key;
}

function comparePart(a: unknown, b: unknown): number {
  if (a instanceof Bound) {
    const rb = rankOf(b);
    return a.rank !== rb ? (a.rank < rb ? -1 : 1) : a.high ? 1 : -1;
  }
  if (b instanceof Bound) return -comparePart(b, a);
  return compareValues(a, b);
}

function compareEntries(a: Entry, b: Entry): number {
  const last = a.length - 1;
  for (let i = 0; i < last; i++) {
    const c = comparePart(a[i], b[i]);
    if (c) return c;
  }
  return (a[last] as number) - (b[last] as number);
}

export class Index {
  readonly fields: string[];
  /** Fields indexed as `2dsphere`: their key is the [lng, lat] of the document's point. */
  readonly geoFields: string[];
  multikey = false;
  private readonly tree = new BTree<Entry, undefined>(undefined, compareEntries, 64);

  constructor(
    readonly spec: IndexSpec,
    readonly ns: string,
    private readonly partialFilter?: (doc: Document) => boolean,
  ) {
    this.fields = Object.keys(spec.key);
    this.geoFields = this.fields.filter((f) => spec.key[f] === '2dsphere');
  }

  get name(): string {
    return this.spec.name;
  }

  /** The `_id` index is unique without saying so in its spec, as mongod lists it. */
  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === '_id_';
  }

  get size(): number {
    return this.tree.size;
  }

  /** Index keys of a document, or none when a sparse or partial index leaves it out. */
  keysOf(doc: Document): unknown[][] {
    if (this.partialFilter && !this.partialFilter(doc)) return [];
    if (this.spec.sparse && this.fields.every((f) => isFieldMissing(doc, f))) return [];
    if (this.geoFields.length) return this.geoKeysOf(doc);
    const { keys, multikey } = documentKeys(doc, this.fields);
    if (multikey) this.multikey = true;
    return keys;
  }

  /**
   * A 2dsphere index (version 3) leaves out a document without a point, and refuses one whose
   * geo field holds something that is not a point; only its non-geo fields fan out over arrays.
   */
  private geoKeysOf(doc: Document): unknown[][] {
    const points = new Map<string, unknown>();
    for (const field of this.geoFields) {
      const value = geoValue(doc, field);
      if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return [];
      points.set(field, geoKey(doc, value));
    }
    const others = this.fields.filter((f) => !points.has(f));
    const { keys, multikey } = documentKeys(doc, others);
    if (multikey) this.multikey = true;
    return keys.map((key) => this.fields.map((f) => (points.has(f) ? points.get(f) : key[others.indexOf(f)])));
  }

  add(rid: number, keys: unknown[][]): void {
    for (const key of keys) this.tree.set(entryOf(key, rid), undefined);
  }

  remove(rid: number, keys: unknown[][]): void {
    for (const key of keys) this.tree.delete(entryOf(key, rid));
  }

  /** For a unique index: the E11000 error the first of `keys` already held by another record raises. */
  duplicateError(rid: number, keys: unknown[][]): MongoCommandError | undefined {
    if (!this.unique) return undefined;
    for (const key of keys) {
      for (const [entry] of this.tree.entries(entryOf(key, -Infinity))) {
        if (key.some((v, i) => compareValues(v, entry[i]) !== 0)) break;
        if (entry[entry.length - 1] !== rid) return this.duplicateKey(key);
      }
    }
    return undefined;
  }

  private duplicateKey(key: unknown[]): MongoCommandError {
    const keyValue: Record<string, unknown> = {};
    this.fields.forEach((f, i) => (keyValue[f] = key[i] === undefined ? null : key[i]));
    const dupKey = formatFields(this.fields.map((f, i) => [f, key[i]]));
    return new MongoCommandError(
      11000,
      `E11000 duplicate key error collection: ${this.ns} index: ${this.name} dup key: ${dupKey}`,
      { keyPattern: this.spec.key, keyValue },
    );
  }

  /**
   * Visits the entries from `low` to `high` (leading field values, or type Bounds, each end
   * inclusive or not); fields past the given ones are unconstrained. `visit` gets the record id
   * and the entry's field values. Returns the number of keys examined.
   */
  scan(low: KeyBound, high: KeyBound, visit: (rid: number, key: readonly unknown[]) => void): number {
    const lowKey = boundKey(low, this.fields.length, false);
    const highKey = boundKey(high, this.fields.length, true);
    // The bound keys carry ±Infinity record ids, so no entry equals them and forRange's
    // half-open interval is the whole range. forRange walks leaves by binary search instead of
    // allocating a pair per entry; a callback's return value steers it, so ours returns nothing.
    return this.tree.forRange(lowKey, highKey, false, (entry) => {
      visit(entry[entry.length - 1] as number, entry);
    });
  }

  clear(): void {
    this.tree.clear();
  }
}
