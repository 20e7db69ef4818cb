import type { Document } from 'bson';
import { fail } from '../errors';
import { evaluateVariables } from '../query/context';

/** The collection a command names in its first field, validated like mongod does. */
export function collectionName(cmd: Document, field: string): string {
  const name = cmd[field] ?? cmd[Object.keys(cmd)[0]!];
  if (typeof name !== 'string') {
    return fail(73, `collection name has invalid type ${Array.isArray(name) ? 'array' : typeof name}`);
  }
  if (!name) return fail(73, `Invalid namespace specified '.'`);
  return name;
}

export function optionalNumber(cmd: Document, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isNaN(n))
    fail(14, `BSON field '${field}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double]'`);
  return n;
}

export function optionalDocument(cmd: Document, field: string): Document | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    fail(14, `BSON field '${field}' is the wrong type, expected type 'object'`);
  return v as Document;
}

/** The `let` parameters of a command, evaluated, or undefined when it has none. */
export function letVariables(cmd: Document): Document | undefined {
  const spec = optionalDocument(cmd, 'let');
  return spec && evaluateVariables(spec);
}
