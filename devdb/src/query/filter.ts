import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { fail, MongoCommandError } from '../errors';
import { mingoOptions } from './context';

export type Matcher = (doc: Document) => boolean;

const unknownOperator = /unknown (?:top level |query )?operator:? ?(\$\w+)/;

/**
 * mingo query for a filter, with mingo's parse errors reported as mongod reports them.
 * `variables` are a command's `let` parameters, visible to `$expr` as `$$name`; `collation`
 * changes how strings compare.
 */
export function compileFilter(filter: unknown, variables?: Document, collation?: Document): Matcher {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter))
    fail(14, "BSON field 'filter' is the wrong type, expected type 'object'");
  if (Object.keys(filter as object).length === 0) return () => true;
  let query: Query;
  try {
    query = new Query(
      filter as Document,
      mingoOptions({
        ...(variables ? { variables } : {}),
        ...(collation ? { collation: collation as Options['collation'] } : {}),
      }),
    );
  } catch (e) {
    if (e instanceof MongoCommandError) throw e;
    const m = unknownOperator.exec((e as Error).message);
    throw m ? new MongoCommandError(2, `unknown operator: ${m[1]}`) : new MongoCommandError(2, (e as Error).message);
  }
  return (doc) => query.test(doc);
}
