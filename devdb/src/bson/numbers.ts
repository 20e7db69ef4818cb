import { Decimal128, deserialize, Double, Long, type Document } from 'bson';
import { isInt32Number, numericType, type NumericType } from './compare';

// How devdb holds BSON numbers so that each keeps its type. A JS number is an int32 when it is
// an integer in int32 range and a double otherwise — exactly how bson's serializer writes it
// back — so the common values stay plain numbers. The rest keep their bson class: every int64
// is a `Long`, a double that looks like an int32 (1.0) a `Double`, and Decimal128 its class.
// Documents take this form when decoded (wire, journal, snapshot) and when an update or an
// aggregation computes a number; comparisons (./compare.ts) treat all of them numerically.

/** A double as devdb holds it. */
export const double = (n: number): number | Double => (isInt32Number(n) ? new Double(n) : n);

function canonical(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = canonical(value[i]);
    return value;
  }
  switch ((value as { _bsontype?: string })._bsontype) {
    case undefined: {
      const doc = value as Record<string, unknown>;
      for (const key in doc) doc[key] = canonical(doc[key]);
      return doc;
    }
    case 'Int32':
      return (value as { value: number }).value;
    case 'Double':
      return double((value as Double).value);
  }
  return value;
}

/** Decodes a BSON document into devdb's representation (bson's promotion would lose the types). */
export function decodeDocument(bytes: Uint8Array): Document {
  return canonical(deserialize(bytes, { promoteValues: false })) as Document;
}

const toNumber = (v: unknown): number => Number(v);
const toBigInt = (v: unknown): bigint =>
  typeof v === 'number' ? BigInt(v) : typeof v === 'bigint' ? v : BigInt((v as Long).toString());

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const WIDTH: Record<NumericType, number> = { int: 0, long: 1, double: 2, decimal: 3 };

/** The type MongoDB gives the result of arithmetic on these operands: the widest one wins. */
export function widestType(types: NumericType[]): NumericType {
  return types.reduce((a, b) => (WIDTH[b] > WIDTH[a] ? b : a), 'int');
}

/**
 * `a + b` or `a * b` with mongod's result types: int32 overflows into int64, int64 into double,
 * a double makes a double and a Decimal128 a Decimal128 (computed in double precision).
 */
export function arithmetic(op: 'add' | 'multiply', a: unknown, b: unknown): unknown {
  const type = widestType([numericType(a)!, numericType(b)!]);
  const exact = (x: number, y: number) => (op === 'add' ? x + y : x * y);
  if (type === 'decimal') return Decimal128.fromString(String(exact(toNumber(a), toNumber(b))));
  if (type === 'double') return double(exact(toNumber(a), toNumber(b)));
  const x = toBigInt(a);
  const y = toBigInt(b);
  const r = op === 'add' ? x + y : x * y;
  if (type === 'int' && r >= INT32_MIN && r <= INT32_MAX) return Number(r);
  if (r >= INT64_MIN && r <= INT64_MAX) return Long.fromBigInt(r);
  return exact(Number(x), Number(y));
}

/** Zero of a number's type: what `$mul` leaves in a missing field. */
export function zeroLike(v: unknown): unknown {
  switch (numericType(v)) {
    case 'long':
      return Long.ZERO;
    case 'double':
      return new Double(0);
    case 'decimal':
      return Decimal128.fromString('0');
  }
  return 0;
}

/** A JS number result given the BSON type MongoDB assigns it (a `long` that is not integral stays a double). */
export function asType(n: number, type: NumericType): unknown {
  switch (type) {
    case 'decimal':
      return Decimal128.fromString(String(n));
    case 'double':
      return double(n);
    case 'long':
      return Number.isSafeInteger(n) ? Long.fromNumber(n) : n;
    case 'int':
      if (Object.is(n, -0)) return 0;
      return isInt32Number(n) || !Number.isSafeInteger(n) ? n : Long.fromNumber(n);
  }
}
