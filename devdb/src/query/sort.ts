import { compareValues, type StringOrder } from '../bson/compare';
import { fail } from '../errors';
import { fieldValues } from '../indexes/keys';

type Doc = Record<string, unknown>;

/** MongoDB sorts an array field by its smallest element ascending and its largest descending. */
function sortValue(doc: Doc, path: string, direction: number, order?: StringOrder): unknown {
  const { values } = fieldValues(doc, path);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareValues(values[i], best, order);
    if (direction > 0 ? c < 0 : c > 0) best = values[i];
  }
  return best;
}

function parseSort(spec: Record<string, unknown>): Array<[string, number]> {
  return Object.entries(spec).map(([path, dir]) => {
    if (dir === 1 || dir === -1) return [path, dir];
    if (typeof dir === 'object' && dir !== null && '$meta' in dir) return [path, 0];
    return fail(2, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
  });
}

/** Stable sort by the spec, strings in the collation's order; `$meta` keys (text score) have no effect here. */
export function sortDocuments<T extends Doc>(docs: T[], spec: Record<string, unknown>, order?: StringOrder): T[] {
  const keys = parseSort(spec).filter(([, dir]) => dir !== 0);
  if (!keys.length) return docs;
  const decorated = docs.map((doc) => ({ doc, values: keys.map(([path, dir]) => sortValue(doc, path, dir, order)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i], order);
      if (c) return c * keys[i]![1];
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}
