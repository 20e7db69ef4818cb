import type { Document } from 'bson';
import { compareValues } from '../bson/compare';
import { fail } from '../errors';
import { compileFilter } from '../query/filter';
import { nearDocuments, splitNear } from '../query/near';
import { countMatches, matchDocuments, type MatchOptions } from '../query/plan';
import { project } from '../query/projection';
import { stringOrder } from '../query/collation';
import { sortDocuments } from '../query/sort';
import { stats } from '../stats';
import { collectionName, letVariables, optionalDocument, optionalNumber } from './args';
import { viewDocuments } from './aggregate';
import type { CommandContext, CommandHandler } from './context';

function nonNegative(cmd: Document, field: string): number {
  const n = optionalNumber(cmd, field) ?? 0;
  if (n < 0) fail(51024, `BSON field '${field}' value must be >= 0, actual value '${n}'`);
  return n;
}

/** find's result set: filter (through an index where possible), sort, skip, limit, projection. */
/** Matching documents of a collection, or of a view (read through its pipeline, as mongod does). */
function matching(
  ctx: CommandContext,
  name: string,
  filter: Document | undefined,
  opts: MatchOptions = {},
): Document[] {
  const view = viewDocuments(ctx, name);
  if (!view) return matchDocuments(ctx.catalog.collection(ctx.db, name), filter, opts).map(([, d]) => d);
  const matches = compileFilter(filter, opts.variables, opts.collation);
  return view.filter((d) => matches(d));
}

function runQuery(ctx: CommandContext, name: string, cmd: Document): Document[] {
  const filter = optionalDocument(cmd, 'filter');
  const sort = optionalDocument(cmd, 'sort');
  const skip = nonNegative(cmd, 'skip');
  const limit = Math.abs(optionalNumber(cmd, 'limit') ?? 0);
  const sorted = sort !== undefined && Object.keys(sort).length > 0;
  const variables = letVariables(cmd);
  const collation = optionalDocument(cmd, 'collation');
  const near = splitNear(filter);
  let docs = near
    ? nearDocuments(ctx.catalog.collection(ctx.db, name), `${ctx.db}.${name}`, {
        ...near.near,
        filter: near.rest,
        variables,
      }).map((hit) => hit.doc)
    : matching(ctx, name, filter, { limit: !sorted && limit ? skip + limit : undefined, variables, collation });
  if (sorted) docs = sortDocuments(docs, sort, stringOrder(collation));
  if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
  return project(docs, optionalDocument(cmd, 'projection'), filter, collation);
}

const find: CommandHandler = (cmd, ctx) => {
  stats.opcounters.query++;
  const name = collectionName(cmd, 'find');
  const docs = runQuery(ctx, name, cmd);
  const ns = `${ctx.db}.${name}`;
  const singleBatch = cmd.singleBatch === true || (optionalNumber(cmd, 'limit') ?? 0) < 0;
  const { batch, id } = ctx.cursors.start(ns, docs, optionalNumber(cmd, 'batchSize'), singleBatch);
  stats.docsReturned += batch.length;
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
};

const cursorId = (v: unknown): bigint => {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (v !== null && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'Long')
    return BigInt(String(v));
  return fail(14, `BSON field 'getMore.getMore' is the wrong type '${typeof v}', expected type 'long'`);
};

const getMore: CommandHandler = (cmd, ctx) => {
  stats.opcounters.getmore++;
  const id = cursorId(cmd.getMore);
  const coll = collectionName(cmd, 'collection');
  const ns = ctx.cursors.ns(id);
  if (ns === undefined) return fail(43, `cursor id ${id} not found`);
  if (ns !== `${ctx.db}.${coll}` && !ns.startsWith(`${ctx.db}.$cmd`)) {
    return fail(
      13,
      `Requested getMore on namespace '${ctx.db}.${coll}', but cursor belongs to a different namespace ${ns}`,
    );
  }
  const next = ctx.cursors.next(id, optionalNumber(cmd, 'batchSize'))!;
  stats.docsReturned += next.batch.length;
  return { cursor: { nextBatch: next.batch, id: next.id, ns: next.ns }, ok: 1 };
};

const killCursors: CommandHandler = (cmd, ctx) => {
  const ids = Array.isArray(cmd.cursors) ? cmd.cursors : fail(14, "BSON field 'killCursors.cursors' is missing");
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const raw of ids) (ctx.cursors.kill(cursorId(raw)) ? killed : notFound).push(raw);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (cmd, ctx) => {
  stats.opcounters.command++;
  const name = collectionName(cmd, 'count');
  const coll = ctx.catalog.collection(ctx.db, name);
  const skip = nonNegative(cmd, 'skip');
  const limit = Math.abs(optionalNumber(cmd, 'limit') ?? 0);
  const query = optionalDocument(cmd, 'query');
  const isView = typeof coll?.options.viewOn === 'string';
  const collation = optionalDocument(cmd, 'collation');
  let n: number;
  if (isView) n = matching(ctx, name, query, { collation }).length;
  else if (query && Object.keys(query).length) n = countMatches(coll, query, { collation });
  else n = coll?.docs.size ?? 0;
  n = Math.max(0, n - skip);
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
};

function distinctValues(value: unknown, parts: string[], out: unknown[]): void {
  if (Array.isArray(value)) {
    if (parts.length === 0) for (const v of value) out.push(v);
    else for (const v of value) distinctValues(v, parts, out);
    return;
  }
  if (parts.length === 0) {
    if (value !== undefined) out.push(value);
    return;
  }
  if (value !== null && typeof value === 'object') distinctValues((value as Document)[parts[0]!], parts.slice(1), out);
}

const distinct: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'distinct');
  if (typeof cmd.key !== 'string') return fail(14, "BSON field 'distinct.key' is missing but a required field");
  const collation = optionalDocument(cmd, 'collation');
  const order = stringOrder(collation);
  const raw: unknown[] = [];
  for (const doc of matching(ctx, name, optionalDocument(cmd, 'query'), { collation })) {
    distinctValues(doc, cmd.key.split('.'), raw);
  }
  // Values equal under the collation collapse to the first one met, as mongod does.
  const values: unknown[] = [];
  for (const v of raw.sort((a, b) => compareValues(a, b, order))) {
    if (!values.length || compareValues(values[values.length - 1], v, order) !== 0) values.push(v);
  }
  return { values, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getmore: getMore,
  killcursors: killCursors,
  count,
  distinct,
};
