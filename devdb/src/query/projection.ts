import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { MongoCommandError } from '../errors';
import { mingoOptions } from './context';

/** Applies a find projection; the filter is needed for the positional `$` operator. */
export function project(docs: Document[], projection: Document | undefined, filter: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  try {
    return new Query(filter ?? {}, mingoOptions()).find(docs, projection).all() as Document[];
  } catch (e) {
    throw new MongoCommandError(2, (e as Error).message);
  }
}
