import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { MongoCommandError } from '../errors';
import { commandOptions } from './context';

/**
 * Applies a find projection. mingo projects only documents its query matches, so the filter
 * goes in (under the same collation) only for the positional `$` operator that needs it:
 * a findAndModify post-image need not match its filter any more.
 */
export function project(
  docs: Document[],
  projection: Document | undefined,
  filter: Document | undefined,
  collation?: Document,
): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  try {
    return new Query(positional ? (filter ?? {}) : {}, commandOptions({ collation }))
      .find(docs, projection)
      .all() as Document[];
  } catch (e) {
    throw new MongoCommandError(2, (e as Error).message);
  }
}
