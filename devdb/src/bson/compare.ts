// MongoDB's total order over BSON values, used by indexes, sort and the query operators that
// mingo gets wrong (it orders unknown classes last and compares embedded documents by sorted keys).
// https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/

type Tagged = { _bsontype?: string };

export const enum Rank {
  MinKey = 1,
  Null = 2,
  Number = 3,
  String = 4,
  Object = 5,
  Array = 6,
  BinData = 7,
  ObjectId = 8,
  Boolean = 9,
  Date = 10,
  Timestamp = 11,
  RegExp = 12,
  Code = 13,
  MaxKey = 127,
}

export function bsonTag(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as Tagged)._bsontype : undefined;
}

export function rankOf(v: unknown): Rank {
  switch (typeof v) {
    case 'undefined':
      return Rank.Null;
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
  }
  if (v === null) return Rank.Null;
  if (Array.isArray(v)) return Rank.Array;
  if (v instanceof Date) return Rank.Date;
  if (v instanceof RegExp) return Rank.RegExp;
  if (v instanceof Uint8Array) return Rank.BinData;
  switch (bsonTag(v)) {
    case undefined:
    case 'DBRef':
      return Rank.Object;
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return Rank.Number;
    case 'BSONSymbol':
      return Rank.String;
    case 'Binary':
      return Rank.BinData;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.RegExp;
    case 'Code':
      return Rank.Code;
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
  }
  return Rank.Object;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export type NumericType = 'int' | 'long' | 'double' | 'decimal';

/** A JS number is an int32 exactly when bson's serializer writes it as one. */
export const isInt32Number = (n: number): boolean =>
  Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);

/** The BSON type of a number in devdb's representation (see ./numbers.ts); undefined for other values. */
export function numericType(v: unknown): NumericType | undefined {
  if (typeof v === 'number') return isInt32Number(v) ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  switch (bsonTag(v)) {
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
  }
  return undefined;
}

/** Numeric value of any BSON number; bigint only where a double would lose precision. */
function numericValue(v: unknown): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  const tag = bsonTag(v);
  if (tag === 'Long') {
    const long = v as { toBigInt(): bigint; toNumber(): number };
    const big = long.toBigInt();
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (tag === 'Decimal128') return Number((v as object).toString());
  return (v as { valueOf(): number }).valueOf();
}

function cmpScalar<T extends number | bigint | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: unknown, b: unknown): number {
  const x = numericValue(a);
  const y = numericValue(b);
  const xNaN = typeof x === 'number' && Number.isNaN(x);
  const yNaN = typeof y === 'number' && Number.isNaN(y);
  // MongoDB orders NaN below every other number and equal to itself.
  if (xNaN || yNaN) return xNaN && yNaN ? 0 : xNaN ? -1 : 1;
  if (typeof x === typeof y) return cmpScalar(x as number, y as number);
  // Mixed bigint/number: JS relational operators compare them exactly.
  return x < y ? -1 : x > y ? 1 : 0;
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  return (v as { buffer: Uint8Array }).buffer;
}

// bson 7 packs an ObjectId into four 24-bit big-endian integers; comparing those avoids
// allocating the 12-byte buffer that `.id` builds on every call (this is the hottest compare).
type PackedObjectId = { i0?: number; i1?: number; i2?: number; i3?: number; id: Uint8Array };

function compareObjectIds(a: PackedObjectId, b: PackedObjectId): number {
  if (a.i0 === undefined || b.i0 === undefined) return compareBytes(a.id, b.id);
  return cmpScalar(a.i0, b.i0) || cmpScalar(a.i1!, b.i1!) || cmpScalar(a.i2!, b.i2!) || cmpScalar(a.i3!, b.i3!);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return cmpScalar(a.length, b.length);
}

/** A collation's string order; absent means MongoDB's default binary comparison. */
export type StringOrder = (a: string, b: string) => number;

function compareObjects(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  strings?: StringOrder,
  typed?: boolean,
): number {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]!];
    const vb = b[kb[i]!];
    const byRank = cmpScalar(rankOf(va), rankOf(vb));
    if (byRank) return byRank;
    const byName = cmpScalar(ka[i]!, kb[i]!);
    if (byName) return byName;
    const byValue = compareValues(va, vb, strings, typed);
    if (byValue) return byValue;
  }
  return cmpScalar(ka.length, kb.length);
}

function compareArrays(a: unknown[], b: unknown[], strings?: StringOrder, typed?: boolean): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i], b[i], strings, typed);
    if (c) return c;
  }
  return cmpScalar(a.length, b.length);
}

const NUMERIC_TYPE_ORDER: Record<NumericType, number> = { int: 0, long: 1, double: 2, decimal: 3 };

/**
 * Total order of two BSON values: type rank first, then value within the type. `typed` also
 * orders equal numbers by their BSON type, so that int 1, long 1 and double 1.0 differ.
 */
export function compareValues(a: unknown, b: unknown, strings?: StringOrder, typed?: boolean): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case Rank.Null:
    case Rank.MinKey:
    case Rank.MaxKey:
      return 0;
    case Rank.Number:
      return (
        compareNumbers(a, b) ||
        (typed ? cmpScalar(NUMERIC_TYPE_ORDER[numericType(a)!], NUMERIC_TYPE_ORDER[numericType(b)!]) : 0)
      );
    case Rank.String:
      return strings ? Math.sign(strings(String(a), String(b))) : cmpScalar(String(a), String(b));
    case Rank.Boolean:
      return cmpScalar(Number(a), Number(b));
    case Rank.Date:
      return cmpScalar((a as Date).getTime(), (b as Date).getTime());
    case Rank.ObjectId:
      return compareObjectIds(a as PackedObjectId, b as PackedObjectId);
    case Rank.BinData: {
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      const sa = (a as { sub_type?: number }).sub_type ?? 0;
      const sb = (b as { sub_type?: number }).sub_type ?? 0;
      return cmpScalar(sa, sb) || compareBytes(x, y);
    }
    case Rank.Timestamp: {
      const x = a as { t: number; i: number };
      const y = b as { t: number; i: number };
      return cmpScalar(x.t, y.t) || cmpScalar(x.i, y.i);
    }
    case Rank.RegExp: {
      const x = a as { source?: string; pattern?: string; flags?: string; options?: string };
      const y = b as typeof x;
      return (
        cmpScalar(x.source ?? x.pattern ?? '', y.source ?? y.pattern ?? '') ||
        cmpScalar(x.flags ?? x.options ?? '', y.flags ?? y.options ?? '')
      );
    }
    case Rank.Array:
      return compareArrays(a as unknown[], b as unknown[], strings, typed);
    case Rank.Code:
      return cmpScalar(String((a as { code: string }).code), String((b as { code: string }).code));
    default:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>, strings, typed);
  }
}

/** Equality as MongoDB's query language sees it: numbers across types, key order in documents. */
export function valuesEqual(a: unknown, b: unknown, strings?: StringOrder): boolean {
  if (a === b) return true;
  return compareValues(a, b, strings) === 0;
}

/** Equality as storage sees it: the same values with the same BSON number types. */
export function identical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return compareValues(a, b, undefined, true) === 0;
}
