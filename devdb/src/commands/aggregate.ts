import { createHash } from 'node:crypto';
import { Binary, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { Options } from 'mingo/types';
import { fail, MongoCommandError } from '../errors';
import { mingoOptions } from '../query/context';
import { geoNearStage } from '../query/near';
import { countMatches, matchDocuments } from '../query/plan';
import { stats } from '../stats';
import { letVariables, optionalDocument } from './args';
import type { CommandContext, CommandHandler } from './context';
import { mergeInto } from './merge';

const UNSUPPORTED = new Set(['$changeStream', '$currentOp', '$listSessions', '$collStats', '$indexStats']);

function pipelineOf(cmd: Document): Document[] {
  if (!Array.isArray(cmd.pipeline)) return fail(14, "'pipeline' option must be specified as an array");
  (cmd.pipeline as Document[]).forEach((stage, i) => {
    const name = Object.keys(stage ?? {})[0] ?? '';
    if (UNSUPPORTED.has(name)) fail(40324, `Unrecognized pipeline stage name: '${name}'`);
    if (name === '$geoNear' && i > 0) fail(40602, '$geoNear is only valid as the first stage in a pipeline.');
  });
  return cmd.pipeline as Document[];
}

export interface PipelineOptions {
  /** The command's `let` parameters. */
  variables?: Document;
  /** The caller's logical session, which `$listLocalSessions` reports. */
  lsid?: Document;
  /** How strings compare in `$match`, `$sort` and expressions. */
  collation?: Document;
}

// No auth: mongod's session owner is the SHA-256 of the empty user name.
const ANONYMOUS_UID = new Binary(createHash('sha256').update('').digest());

/**
 * The driver's countDocuments, `[{$match}, {$group: {_id: <constant>, n: {$sum: 1}}}]`: the group's
 * constant key and count field, when the pipeline is exactly that.
 */
function countOnly(stages: Document[]): { id: unknown; field: string } | undefined {
  const group = stages.length === 2 ? (stages[1]!.$group as Document | undefined) : undefined;
  if (!group || Object.keys(stages[1]!).length !== 1) return undefined;
  const keys = Object.keys(group);
  const field = keys.find((k) => k !== '_id' && !k.startsWith('$') && !k.includes('.'));
  const id = group._id;
  const constant = id === null || typeof id === 'number';
  const sum = field === undefined ? undefined : (group[field] as Document | undefined);
  if (keys.length !== 2 || !('_id' in group) || !constant || field === undefined) return undefined;
  const isSumOfOne = sum !== null && typeof sum === 'object' && Object.keys(sum).length === 1 && sum.$sum === 1;
  return isSumOfOne ? { id, field } : undefined;
}

/** Runs a pipeline over a collection, serving a leading `$match` through the planner (and its indexes). */
function runPipeline(
  ctx: CommandContext,
  collName: string | undefined,
  pipeline: Document[],
  opts: PipelineOptions = {},
): Document[] {
  const { variables, lsid, collation } = opts;
  const coll = collName === undefined ? undefined : ctx.catalog.collection(ctx.db, collName);
  if (typeof coll?.options.viewOn === 'string') {
    return runPipeline(
      ctx,
      coll.options.viewOn,
      [...((coll.options.pipeline as Document[] | undefined) ?? []), ...pipeline],
      opts,
    );
  }
  let stages = pipeline;
  let input: Document[];
  const first = stages[0];
  if (first && '$listLocalSessions' in first) {
    // devdb keeps no session cache, so the one session it can vouch for is the caller's.
    input = lsid ? [{ _id: { id: lsid.id, uid: ANONYMOUS_UID }, lastUse: new Date() }] : [];
    stages = stages.slice(1);
  } else if (first && '$geoNear' in first) {
    input = geoNearStage(coll, `${ctx.db}.${collName}`, first.$geoNear, variables);
    stages = stages.slice(1);
  } else if (first && '$match' in first && !JSON.stringify(first.$match).includes('"$expr"')) {
    const counted = countOnly(stages);
    if (coll && counted) {
      const n = countMatches(coll, first.$match as Document, { variables, collation });
      // $group over no documents yields no group at all.
      return n ? [{ _id: counted.id, [counted.field]: n }] : [];
    }
    input = matchDocuments(coll, first.$match as Document, { variables, collation }).map(([, d]) => d);
    stages = stages.slice(1);
  } else {
    input = coll ? [...coll.docs.values()] : [];
    stats.docsExamined += input.length;
  }
  const last = stages[stages.length - 1];
  const out = last && '$out' in last ? last.$out : undefined;
  const merge = last && '$merge' in last ? last.$merge : undefined;
  if (out !== undefined || merge !== undefined) stages = stages.slice(0, -1);
  const options = mingoOptions({
    collectionResolver: (name: string) => [...(ctx.catalog.collection(ctx.db, name)?.docs.values() ?? [])],
    ...(variables ? { variables } : {}),
    ...(collation ? { collation: collation as Options['collation'] } : {}),
  });
  let result: Document[];
  try {
    result = new Aggregator(stages, options).run(input) as Document[];
  } catch (e) {
    if (e instanceof MongoCommandError) throw e;
    throw new MongoCommandError(2, (e as Error).message);
  }
  if (out !== undefined) {
    const target = typeof out === 'string' ? out : String((out as Document).coll);
    ctx.catalog.dropCollection(ctx.db, target);
    const dest = ctx.catalog.ensureCollection(ctx.db, target);
    for (const doc of result) dest.insert(doc);
    return [];
  }
  if (merge !== undefined) {
    mergeInto(ctx, merge, result);
    return [];
  }
  return result;
}

/** A view's documents (its pipeline run over its source), or undefined when `name` is no view. */
export function viewDocuments(ctx: CommandContext, name: string): Document[] | undefined {
  return typeof ctx.catalog.collection(ctx.db, name)?.options.viewOn === 'string'
    ? runPipeline(ctx, name, [])
    : undefined;
}

const aggregate: CommandHandler = (cmd, ctx) => {
  stats.opcounters.command++;
  const pipeline = pipelineOf(cmd);
  if (cmd.explain)
    return { explainVersion: '1', stages: pipeline, queryPlanner: { namespace: `${ctx.db}.${cmd.aggregate}` }, ok: 1 };
  if (!cmd.cursor || typeof cmd.cursor !== 'object') {
    return fail(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const collName = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  if (collName === undefined && cmd.aggregate !== 1) return fail(2, 'Invalid aggregate namespace');
  const docs = runPipeline(ctx, collName, pipeline, {
    variables: letVariables(cmd),
    lsid: cmd.lsid as Document | undefined,
    collation: optionalDocument(cmd, 'collation'),
  });
  const ns = `${ctx.db}.${collName ?? '$cmd.aggregate'}`;
  const { batch, id } = ctx.cursors.start(ns, docs, (cmd.cursor as Document).batchSize, false);
  stats.docsReturned += batch.length;
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };
