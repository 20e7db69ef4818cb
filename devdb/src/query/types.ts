import { bsonTag } from '../bson/compare';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The BSON type name `$type` and error messages use. A JS number is an int when the serializer
 * would write it as int32, which is how stored numbers round-trip.
 */
export function bsonTypeName(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX && !Object.is(v, -0) ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'missing';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (v instanceof Uint8Array) return 'binData';
  const names: Record<string, string> = {
    ObjectId: 'objectId',
    Long: 'long',
    Int32: 'int',
    Double: 'double',
    Decimal128: 'decimal',
    Binary: 'binData',
    Timestamp: 'timestamp',
    BSONRegExp: 'regex',
    BSONSymbol: 'symbol',
    Code: 'javascript',
    MinKey: 'minKey',
    MaxKey: 'maxKey',
    DBRef: 'object',
  };
  return names[bsonTag(v) ?? ''] ?? 'object';
}

export const isNumeric = (v: unknown): boolean => ['int', 'long', 'double', 'decimal'].includes(bsonTypeName(v));
