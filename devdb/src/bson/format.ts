import { bsonTag } from './compare';

/** Renders a value the way mongod prints it in messages such as E11000's `dup key: { ... }`. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (Array.isArray(v)) return v.length ? `[ ${v.map(formatValue).join(', ')} ]` : '[]';
  switch (bsonTag(v)) {
    case 'ObjectId':
      return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
    case 'Long':
    case 'Int32':
    case 'Double':
      return String((v as { valueOf(): number }).valueOf());
    case 'Decimal128':
      return `NumberDecimal("${String(v)}")`;
    case 'Timestamp': {
      const t = v as { t: number; i: number };
      return `Timestamp(${t.t}, ${t.i})`;
    }
    case 'Binary':
      return `BinData(${(v as { sub_type: number }).sub_type}, ${(v as { toString(enc: string): string }).toString('hex').toUpperCase()})`;
    case 'MinKey':
      return 'MinKey';
    case 'MaxKey':
      return 'MaxKey';
    case undefined:
      return formatFields(Object.entries(v as Record<string, unknown>));
  }
  return String(v);
}

export function formatFields(entries: Array<[string, unknown]>): string {
  if (!entries.length) return '{}';
  return `{ ${entries.map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
}
