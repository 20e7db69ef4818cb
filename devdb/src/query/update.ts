import { ObjectId, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { update as mingoUpdate } from 'mingo/updater';
import { setValue } from 'mingo/util';
import { compareValues, identical, numericType, valuesEqual, type StringOrder } from '../bson/compare';
import { cloneDocument } from '../bson/clone';
import { formatValue } from '../bson/format';
import { arithmetic, zeroLike } from '../bson/numbers';
import { fail, MongoCommandError } from '../errors';
import { stringOrder } from './collation';
import { mingoOptions, updateOptions } from './context';
import { applyPlainUpdate } from './plain-update';
import { bsonTypeName, isNumeric } from './types';

export type UpdateSpec = Document | Document[];

const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export function isOperatorUpdate(u: UpdateSpec): u is Document {
  return !Array.isArray(u) && Object.keys(u).some((k) => k.startsWith('$'));
}

export function validateUpdate(u: unknown): asserts u is UpdateSpec {
  if (u === null || typeof u !== 'object') fail(14, 'Update argument must be either an object or an array');
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = Object.keys((stage ?? {}) as Document)[0] ?? '';
      if (!PIPELINE_STAGES.has(name)) fail(72, `${name} is not allowed to be used within an update`);
    }
    return;
  }
  const keys = Object.keys(u as Document);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length) {
    fail(
      52,
      `The dollar ($) prefixed field '${keys.find((k) => !k.startsWith('$'))}' in '${keys.find((k) => !k.startsWith('$'))}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
    );
  }
  if (!ops.length) validateReplacement(u as Document);
}

function validateReplacement(doc: Document): void {
  for (const key of Object.keys(doc)) {
    if (key.startsWith('$')) fail(52, `The dollar ($) prefixed field '${key}' in '${key}' is not valid for storage.`);
  }
}

const mingoMessageToCode: Array<[RegExp, number, (m: RegExpExecArray) => string]> = [
  [
    /Unknown update operator: '(\$\w+)'/,
    9,
    (m) => `Unknown modifier: ${m[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
  ],
  [
    /updating the path '(.*)' would create a conflict at '(.*)'/i,
    40,
    (m) => `Updating the path '${m[1]}' would create a conflict at '${m[2]}'`,
  ],
  [
    /would modify the immutable field '_id'/,
    66,
    () => "Performing an update on the path '_id' would modify the immutable field '_id'",
  ],
  [/non-numeric/, 14, (m) => m.input],
];

function translate(e: unknown): MongoCommandError {
  if (e instanceof MongoCommandError) return e;
  const message = (e as Error).message;
  for (const [re, code, text] of mingoMessageToCode) {
    const m = re.exec(message);
    if (m) return new MongoCommandError(code, text(m));
  }
  return new MongoCommandError(2, message);
}

/** mongod refuses a non-numeric operand before it changes anything. */
function checkArithmetic(ops: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    for (const [path, amount] of Object.entries((ops[op] ?? {}) as Document)) {
      if (!isNumeric(amount))
        fail(
          14,
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(amount)}}`,
        );
    }
  }
}

/** Where mingo's `$set` put a field of a deferred `$inc`/`$mul`/`$min`/`$max`. */
class Pending {
  constructor(
    readonly op: string,
    readonly operand: unknown,
  ) {}
}

const TYPED_OPERATORS = ['$inc', '$mul', '$min', '$max'];

/**
 * mingo computes `$inc`/`$mul` in JS numbers (a Long or Double operand is ignored or refused)
 * and orders `$min`/`$max` its own way, so those operators go to mingo as a `$set` of a
 * placeholder: mingo still resolves the paths (positional, arrayFilters, missing parents) and
 * `settle` then computes each result from the field's value before the update.
 */
function deferTypedOperators(ops: Document): Document | undefined {
  if (!TYPED_OPERATORS.some((op) => op in ops)) return undefined;
  const set: Document = { ...((ops.$set ?? {}) as Document) };
  const out: Document = {};
  for (const [op, fields] of Object.entries(ops)) {
    if (!TYPED_OPERATORS.includes(op)) {
      if (op !== '$set') out[op] = fields;
      continue;
    }
    for (const [path, operand] of Object.entries(fields as Document)) {
      if (path in set) fail(40, `Updating the path '${path}' would create a conflict at '${path}'`);
      set[path] = new Pending(op, operand);
    }
  }
  out.$set = set;
  return out;
}

const isContainer = (v: unknown): v is Document =>
  Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype);

/** Replaces each placeholder in `node` with its result; `before` is the same place in the original document. */
function settle(node: Document, before: unknown, id: unknown, order: StringOrder | undefined): void {
  for (const key of Object.keys(node)) {
    const value = node[key];
    const old = isContainer(before) ? before[key] : undefined;
    if (value instanceof Pending) node[key] = typedResult(value, old, key, id, order);
    else if (isContainer(value)) settle(value, old, id, order);
  }
}

function typedResult(
  { op, operand }: Pending,
  current: unknown,
  field: string,
  id: unknown,
  order: StringOrder | undefined,
): unknown {
  if (op === '$min' || op === '$max') {
    if (current === undefined) return operand;
    const c = compareValues(operand, current, order);
    return (op === '$min' ? c < 0 : c > 0) ? operand : current;
  }
  if (current === undefined) return op === '$inc' ? operand : zeroLike(operand);
  if (numericType(current) === undefined) {
    fail(
      14,
      `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(id)}} has the field '${field}' of non-numeric type ${bsonTypeName(current)}`,
    );
  }
  return arithmetic(op === '$inc' ? 'add' : 'multiply', current, operand);
}

const CREATING_OPERATORS = ['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate'];

/** mingo silently ignores `$set: {'a.b': 1}` when `a` is a scalar; mongod refuses the update. */
function checkPathsViable(doc: Document, ops: Document): void {
  for (const op of CREATING_OPERATORS) {
    for (const path of Object.keys((ops[op] ?? {}) as Document)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      let value: unknown = doc;
      for (let i = 0; i < parts.length - 1; i++) {
        const next =
          Array.isArray(value) && /^\d+$/.test(parts[i]!) ? value[Number(parts[i])] : (value as Document)[parts[i]!];
        if (next === undefined || next === null) break;
        if (typeof next !== 'object' || next instanceof Date || (next as { _bsontype?: string })._bsontype) {
          fail(28, `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${formatValue(next)}}`);
        }
        value = next;
      }
    }
  }
}

export interface ApplyOptions {
  arrayFilters?: Document[];
  filter?: Document;
  /** True when the update seeds a new upserted document: `$setOnInsert` applies only then. */
  inserting?: boolean;
  /** The command's `let` parameters, visible to a pipeline update as `$$name`. */
  variables?: Document;
  /** The statement's collation: the filter mingo re-checks for positional updates must use it. */
  collation?: Document;
}

/** A path through the positional `$`, which only the command's filter can resolve. */
const isPositional = (path: string) => path.split('.').includes('$');

/** Returns the updated copy of `doc` (the stored one is never touched) and whether it changed. */
export function applyUpdate(
  doc: Document,
  u: UpdateSpec,
  opts: ApplyOptions = {},
): { doc: Document; changed: boolean } {
  let next: Document;
  try {
    if (Array.isArray(u)) {
      next = new Aggregator(u, mingoOptions(opts.variables ? { variables: opts.variables } : {})).run([
        cloneDocument(doc),
      ])[0] as Document;
      // A pipeline that replaces the root keeps the original _id, as mongod does.
      if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
    } else if (!isOperatorUpdate(u)) {
      next = { _id: doc._id, ...cloneDocument(u as Document) };
      if (next._id === undefined) delete next._id;
    } else {
      next = cloneDocument(doc);
      const { $setOnInsert, ...rest } = u;
      const ops: Document = { ...rest };
      if (opts.inserting && $setOnInsert) ops.$set = { ...(ops.$set ?? {}), ...($setOnInsert as Document) };
      // An upsert may choose the new document's _id (`$setOnInsert: {_id}`); mingo treats any
      // write to _id as a modification, so place it before mingo sees the rest.
      if (opts.inserting && next._id === undefined && ops.$set && '_id' in (ops.$set as Document)) {
        const { _id, ...others } = ops.$set as Document;
        next = { _id, ...next };
        ops.$set = others;
      }
      for (const [op, fields] of Object.entries(ops)) {
        if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
          fail(
            9,
            `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(fields)}}`,
          );
        }
      }
      checkArithmetic(ops);
      checkPathsViable(next, ops);
      const deferred = deferTypedOperators(ops);
      const mingoOps = deferred ?? ops;
      const nonEmpty = Object.values(mingoOps).some((fields) => Object.keys(fields as Document).length);
      if (nonEmpty && !applyPlainUpdate(next, mingoOps, opts.arrayFilters)) {
        const positional = Object.values(mingoOps).some((fields) => Object.keys(fields as Document).some(isPositional));
        mingoUpdate(next, mingoOps, opts.arrayFilters, positional ? opts.filter : undefined, {
          cloneMode: 'none',
          queryOptions: updateOptions(opts, positional),
        });
      }
      if (deferred) settle(next, doc, next._id ?? doc._id, stringOrder(opts.collation));
    }
  } catch (e) {
    throw translate(e);
  }
  if (doc._id !== undefined && !valuesEqual(next._id, doc._id)) {
    fail(
      66,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(next._id)}`,
    );
  }
  if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
  return { doc: next, changed: !identical(next, doc) };
}

/** Fields an upsert copies from the filter's equalities (top level and under `$and`). */
function seedFromFilter(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (f: Document) => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((v) => visit(v as Document));
      if (key.startsWith('$')) continue;
      if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        if ('$eq' in value) setValue(seed, key, cloneDocument(value.$eq));
        continue;
      }
      if (value instanceof RegExp) continue;
      setValue(seed, key, cloneDocument(value));
    }
  };
  if (filter) visit(filter);
  return seed;
}

function isPlainObject(v: unknown): v is Document {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** The document an upsert inserts: seeded from the filter, then the update (with `$setOnInsert`). */
export function buildUpsert(
  filter: Document | undefined,
  u: UpdateSpec,
  arrayFilters?: Document[],
  variables?: Document,
): Document {
  let doc: Document;
  if (!Array.isArray(u) && !isOperatorUpdate(u)) {
    const seed = seedFromFilter(filter);
    doc = cloneDocument(u);
    if (doc._id === undefined && seed._id !== undefined) doc = { _id: seed._id, ...doc };
  } else {
    const seed = seedFromFilter(filter);
    doc = applyUpdate(seed, u, { inserting: true, arrayFilters, filter, variables }).doc;
  }
  return withIdFirst(doc);
}

/** mongod stores `_id` as the first field, generating one if the client did not. */
export function withIdFirst(doc: Document): Document {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}
