// Matching rules of the unified test format ("Evaluating Matches"): root-level documents may
// carry extra fields, nested ones may not; numbers compare by value across int/long/double;
// `$$`-operators assert on presence and type where a literal value cannot be known in advance.
import { BSON, type Document } from 'mongodb';

const { EJSON } = BSON;

export class MatchError extends Error {}

export interface MatchContext {
  /** Looks up a BSON entity for `$$matchesEntity`. */
  entity(name: string): unknown;
}

function fail(path: string, message: string): never {
  throw new MatchError(`${path || '<root>'}: ${message}`);
}

function bsonType(value: unknown): string | undefined {
  if (value && typeof value === 'object' && '_bsontype' in value) {
    return String((value as { _bsontype: unknown })._bsontype);
  }
  return undefined;
}

export function isDocument(value: unknown): value is Document {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !(value instanceof Uint8Array) &&
    bsonType(value) === undefined
  );
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  switch (bsonType(value)) {
    case 'Int32':
    case 'Double':
      return (value as { value: number }).value;
    case 'Long':
      return (value as { toNumber(): number }).toNumber();
    default:
      return undefined;
  }
}

function isOperator(value: unknown): value is Document {
  if (!isDocument(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]!.startsWith('$$');
}

// A JS number read back from the server may have been an int32, an int64 or a double: the
// driver promotes all three, so an integral number satisfies any of the integral types.
function typeMatches(alias: string, actual: unknown): boolean {
  const bt = bsonType(actual);
  const n = typeof actual === 'number';
  switch (alias) {
    case 'double':
      return bt === 'Double' || n;
    case 'int':
      return bt === 'Int32' || (n && Number.isInteger(actual) && Math.abs(actual as number) < 2 ** 31);
    case 'long':
      return bt === 'Long' || typeof actual === 'bigint' || (n && Number.isInteger(actual));
    case 'decimal':
      return bt === 'Decimal128';
    case 'number':
      return asNumber(actual) !== undefined || bt === 'Decimal128';
    case 'string':
      return typeof actual === 'string';
    case 'bool':
      return typeof actual === 'boolean';
    case 'null':
      return actual === null;
    case 'array':
      return Array.isArray(actual);
    case 'object':
      return isDocument(actual);
    case 'objectId':
      return bt === 'ObjectId';
    case 'date':
      return actual instanceof Date;
    case 'binData':
      return bt === 'Binary' || actual instanceof Uint8Array;
    case 'regex':
      return bt === 'BSONRegExp' || actual instanceof RegExp;
    case 'timestamp':
      return bt === 'Timestamp';
    case 'javascript':
    case 'javascriptWithScope':
      return bt === 'Code';
    case 'minKey':
      return bt === 'MinKey';
    case 'maxKey':
      return bt === 'MaxKey';
    default:
      throw new Error(`unknown $$type alias ${alias}`);
  }
}

function scalarEquals(expected: unknown, actual: unknown): boolean {
  const en = asNumber(expected);
  const an = asNumber(actual);
  if (en !== undefined || an !== undefined) return en === an;
  if (expected === null || typeof expected !== 'object') return expected === actual;
  if (expected instanceof Date) return actual instanceof Date && actual.getTime() === expected.getTime();
  return (
    actual !== null &&
    typeof actual === 'object' &&
    EJSON.stringify(expected as Document, { relaxed: false }) ===
      EJSON.stringify(actual as Document, { relaxed: false })
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return EJSON.stringify(value as Document, { relaxed: true });
  } catch {
    return String(value);
  }
}

function matchOperator(op: Document, actual: unknown, root: boolean, path: string, ctx: MatchContext): void {
  const [name] = Object.keys(op) as [string];
  const arg: unknown = op[name];
  switch (name) {
    case '$$exists':
      // Only meaningful as a field value; handled by the enclosing document.
      throw new Error(`$$exists used outside a document at ${path}`);
    case '$$unsetOrMatches':
      if (actual !== undefined) match(arg, actual, root, path, ctx);
      return;
    case '$$type': {
      const aliases = Array.isArray(arg) ? (arg as string[]) : [arg as string];
      if (actual === undefined || !aliases.some((alias) => typeMatches(alias, actual))) {
        fail(path, `expected type ${aliases.join('|')}, got ${describe(actual)}`);
      }
      return;
    }
    case '$$matchesEntity':
      match(ctx.entity(arg as string), actual, root, path, ctx);
      return;
    case '$$lte': {
      const a = asNumber(actual);
      const e = asNumber(arg);
      if (a === undefined || e === undefined || a > e)
        fail(path, `expected <= ${describe(arg)}, got ${describe(actual)}`);
      return;
    }
    case '$$matchAsRoot':
      match(arg, actual, true, path, ctx);
      return;
    case '$$matchAsDocument':
      if (typeof actual !== 'string') fail(path, `expected an extended JSON string, got ${describe(actual)}`);
      match(arg, EJSON.parse(actual), false, path, ctx);
      return;
    case '$$matchesHexBytes': {
      const bytes = actual instanceof Uint8Array ? Buffer.from(actual).toString('hex') : undefined;
      if (bytes?.toLowerCase() !== String(arg).toLowerCase()) fail(path, `expected bytes ${String(arg)}`);
      return;
    }
    default:
      throw new Error(`unsupported special operator ${name} at ${path}`);
  }
}

/**
 * Asserts that `actual` matches `expected`; throws MatchError naming the first mismatching path.
 * `root` marks a root-level document, the only kind allowed to carry fields `expected` lacks.
 */
export function match(expected: unknown, actual: unknown, root: boolean, path: string, ctx: MatchContext): void {
  // The driver builds some command fields (sort, hint) as Maps to keep key order.
  if (actual instanceof Map) actual = Object.fromEntries(actual);
  if (isOperator(expected)) {
    matchOperator(expected, actual, root, path, ctx);
    return;
  }
  if (isDocument(expected)) {
    if (!isDocument(actual)) fail(path, `expected a document, got ${describe(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const at = path ? `${path}.${key}` : key;
      const present = actual[key] !== undefined;
      if (isOperator(value) && '$$exists' in value) {
        if (present !== value.$$exists)
          fail(
            at,
            value.$$exists ? 'expected field to exist' : `expected field to be absent, got ${describe(actual[key])}`,
          );
        continue;
      }
      if (isOperator(value) && '$$unsetOrMatches' in value && !present) continue;
      if (!present) fail(at, `missing; expected ${describe(value)}`);
      match(value, actual[key], false, at, ctx);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((key) => actual[key] !== undefined && !(key in expected));
      if (extra.length > 0) fail(path, `unexpected fields ${extra.join(', ')} in ${describe(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail(path, `expected an array, got ${describe(actual)}`);
    if (actual.length !== expected.length) {
      fail(path, `expected ${expected.length} elements, got ${actual.length}: ${describe(actual)}`);
    }
    expected.forEach((value, i) => match(value, actual[i], false, `${path}[${i}]`, ctx));
    return;
  }
  if (!scalarEquals(expected, actual)) fail(path, `expected ${describe(expected)}, got ${describe(actual)}`);
}

/** Matches an iterable result (find, aggregate): each element is a root-level document. */
export function matchRootDocuments(expected: unknown, actual: unknown[], path: string, ctx: MatchContext): void {
  if (!Array.isArray(expected)) {
    match(expected, actual, false, path, ctx);
    return;
  }
  if (actual.length !== expected.length) {
    fail(path, `expected ${expected.length} documents, got ${actual.length}: ${describe(actual)}`);
  }
  expected.forEach((value, i) => match(value, actual[i], true, `${path}[${i}]`, ctx));
}

/** Collection contents in `outcome` must match exactly, apart from key order and numeric width. */
export function matchExactly(expected: unknown, actual: unknown, path: string): void {
  const noEntities: MatchContext = {
    entity: (name) => {
      throw new Error(`no entity ${name} in an outcome`);
    },
  };
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) {
      fail(path, `expected ${expected.length} documents, got ${actual.length}: ${describe(actual)}`);
    }
    expected.forEach((value, i) => match(value, actual[i], false, `${path}[${i}]`, noEntities));
    return;
  }
  match(expected, actual, false, path, noEntities);
}
