import type { Document } from 'bson';
import type { StringOrder } from '../bson/compare';
import { fail } from '../errors';

const orders = new Map<string, StringOrder>();

/**
 * A command's collation as a string order (ICU through Intl.Collator); none, or locale
 * `simple`, is MongoDB's binary order, which is also the only order the indexes hold.
 */
export function stringOrder(collation: unknown): StringOrder | undefined {
  if (collation === undefined || collation === null) return undefined;
  if (typeof collation !== 'object')
    return fail(14, "BSON field 'collation' is the wrong type, expected type 'object'");
  const spec = collation as Document;
  // mingo's updater hands an empty collation to the queries it builds for arrayFilters.
  if (spec.locale === 'simple' || Object.keys(spec).length === 0) return undefined;
  if (typeof spec.locale !== 'string') return fail(2, "BSON field 'collation.locale' is missing but a required field");
  const key = JSON.stringify(spec);
  let order = orders.get(key);
  if (!order) {
    const strength = Number(spec.strength ?? 3);
    const collator = new Intl.Collator(spec.locale.replace('_', '-'), {
      sensitivity: strength === 1 ? (spec.caseLevel ? 'case' : 'base') : strength === 2 ? 'accent' : 'variant',
      numeric: spec.numericOrdering === true,
      caseFirst: spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? spec.caseFirst : 'false',
      ignorePunctuation: spec.alternate === 'shifted',
    });
    order = collator.compare;
    orders.set(key, order);
  }
  return order;
}
