import { UUID, type Document } from 'bson';
import { identical } from './bson/compare';
import { formatValue } from './bson/format';
import { fail, MongoCommandError } from './errors';
import { Index, type IndexSpec } from './indexes/index';
import type { JournalOp } from './journal-ops';
import { compileFilter, type Matcher } from './query/filter';

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Whether writes are checked against a collection's validator: not on replay, not when bypassed. */
export interface ValidationPolicy {
  enabled: boolean;
}

/**
 * Documents of one collection, addressed by an internal record id, plus every index over them.
 * Each write checks all unique indexes before touching anything, so a rejected write changes nothing.
 */
export class Collection {
  readonly docs = new Map<number, Document>();
  readonly indexes = new Map<string, Index>();
  readonly uuid = new UUID();
  private nextRid = 1;
  private validator: Matcher | undefined;

  constructor(
    readonly db: string,
    readonly name: string,
    public options: Document,
    private readonly log: (op: JournalOp) => void,
    private readonly validation: ValidationPolicy,
  ) {
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX, this.ns));
    this.validator = compileValidator(options);
  }

  /** collMod: the collection's options as a whole (validator, validation level and action). */
  setOptions(options: Document): void {
    this.validator = compileValidator(options);
    this.options = options;
    this.log({ op: 'setOptions', db: this.db, coll: this.name, options });
  }

  /** mongod's document validation; `moderate` leaves updates of already-invalid documents alone. */
  private checkValid(doc: Document, previous?: Document): void {
    if (!this.validator || !this.validation.enabled || this.options.validationAction === 'warn') return;
    const level = this.options.validationLevel ?? 'strict';
    if (level === 'off' || (level === 'moderate' && previous && !this.validator(previous))) return;
    if (this.validator(doc)) return;
    throw new MongoCommandError(121, 'Document failed validation', {
      errInfo: {
        failingDocumentId: doc._id,
        details: {
          operatorName: '$and',
          specifiedAs: this.options.validator,
          reason: 'the document does not match the validator',
        },
      },
    });
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes.get(ID_INDEX.name)!;
  }

  ridOfId(id: unknown): number | undefined {
    let found: number | undefined;
    const at = { values: [id], inclusive: true };
    this.idIndex.scan(at, at, (rid) => (found = rid));
    return found;
  }

  insert(doc: Document): number {
    checkId(doc._id);
    this.checkValid(doc);
    const rid = this.nextRid++;
    const keys = this.keysFor(doc, rid);
    for (const [index, k] of keys) index.add(rid, k);
    this.docs.set(rid, doc);
    this.log({ op: 'insert', db: this.db, coll: this.name, doc });
    return rid;
  }

  replace(rid: number, doc: Document): void {
    const old = this.docs.get(rid);
    if (!old) throw new MongoCommandError(1, `record ${rid} vanished`);
    this.checkValid(doc, old);
    // Most updates leave most indexed fields alone; those indexes keep their entries.
    const changed: Array<[Index, unknown[][], unknown[][]]> = [];
    for (const index of this.indexes.values()) {
      const before = index.keysOf(old);
      const after = index.keysOf(doc);
      if (sameKeys(before, after)) continue;
      const dup = index.duplicateError(rid, after);
      if (dup) throw dup;
      changed.push([index, before, after]);
    }
    for (const [index, before, after] of changed) {
      index.remove(rid, before);
      index.add(rid, after);
    }
    this.docs.set(rid, doc);
    this.log({ op: 'replace', db: this.db, coll: this.name, doc });
  }

  delete(rid: number): void {
    const old = this.docs.get(rid);
    if (!old) return;
    for (const index of this.indexes.values()) index.remove(rid, index.keysOf(old));
    this.docs.delete(rid);
    this.log({ op: 'delete', db: this.db, coll: this.name, id: old._id });
  }

  /** Index keys of `doc` for every index, or the E11000 error of the first unique index it violates. */
  private keysFor(doc: Document, rid: number): Array<[Index, unknown[][]]> {
    const out: Array<[Index, unknown[][]]> = [];
    for (const index of this.indexes.values()) {
      const keys = index.keysOf(doc);
      const dup = index.duplicateError(rid, keys);
      if (dup) throw dup;
      out.push([index, keys]);
    }
    return out;
  }

  /** Builds an index over the existing documents; a unique index over duplicates is refused whole. */
  createIndex(spec: IndexSpec): void {
    const partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : undefined;
    const index = new Index(spec, this.ns, partial);
    for (const [rid, doc] of this.docs) {
      const keys = index.keysOf(doc);
      const dup = index.duplicateError(rid, keys);
      if (dup) {
        index.clear();
        throw dup;
      }
      index.add(rid, keys);
    }
    this.indexes.set(spec.name, index);
    this.log({ op: 'createIndex', db: this.db, coll: this.name, spec });
  }

  dropIndex(name: string): void {
    this.indexes.delete(name);
    this.log({ op: 'dropIndex', db: this.db, coll: this.name, name });
  }
}

/** Same entries, down to the numeric type, so the index would hold exactly what it holds. */
function sameKeys(a: unknown[][], b: unknown[][]): boolean {
  return (
    a.length === b.length &&
    a.every((key, i) => key.length === b[i]!.length && key.every((v, j) => identical(v, b[i]![j])))
  );
}

function compileValidator(options: Document): Matcher | undefined {
  const validator = options.validator as Document | undefined;
  return validator && Object.keys(validator).length ? compileFilter(validator) : undefined;
}

function checkId(id: unknown): void {
  if (Array.isArray(id)) fail(53, `The '_id' value cannot be of type array`);
  if (id instanceof RegExp) fail(53, `The '_id' value cannot be of type regex: ${formatValue(id)}`);
  if (id !== null && typeof id === 'object' && Object.getPrototypeOf(id) === Object.prototype) {
    const dollar = Object.keys(id).find((k) => k.startsWith('$'));
    if (dollar) fail(52, `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`);
  }
  if (id === undefined) fail(1, 'document without _id reached storage');
}
