import type { Document } from 'bson';
import { fail } from '../errors';
import { matchDocuments } from '../query/plan';
import { project } from '../query/projection';
import { stringOrder } from '../query/collation';
import { sortDocuments } from '../query/sort';
import { applyUpdate, buildUpsert, validateUpdate } from '../query/update';
import { stats } from '../stats';
import { collectionName, letVariables, optionalDocument } from './args';
import { checkStorable } from './write';
import type { CommandHandler } from './context';

const findAndModify: CommandHandler = (cmd, ctx) => {
  stats.opcounters.command++;
  const name = collectionName(cmd, Object.keys(cmd)[0]!);
  const query = optionalDocument(cmd, 'query');
  const sort = optionalDocument(cmd, 'sort');
  const fields = optionalDocument(cmd, 'fields');
  const arrayFilters = cmd.arrayFilters as Document[] | undefined;
  const variables = letVariables(cmd);
  if (cmd.remove && cmd.update !== undefined) fail(9, 'Cannot specify both an update and remove=true');
  if (!cmd.remove && cmd.update === undefined) fail(9, 'Either an update or remove=true must be specified');
  if (cmd.remove && cmd.upsert) fail(9, 'Cannot specify both upsert=true and remove=true');
  if (cmd.remove && cmd.new)
    fail(9, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");

  const coll = ctx.catalog.collection(ctx.db, name);
  const sorted = sort && Object.keys(sort).length > 0;
  const collation = optionalDocument(cmd, 'collation');
  const candidates = matchDocuments(coll, query, { limit: sorted ? undefined : 1, variables, collation });
  const first = sorted
    ? sortDocuments(
        candidates.map(([, doc]) => doc),
        sort,
        stringOrder(collation),
      )[0]
    : candidates[0]?.[1];
  const found = first && candidates.find(([, doc]) => doc === first);
  const match = found && { rid: found[0], doc: found[1] };
  const shape = (doc: Document | null) => (doc && fields ? (project([doc], fields, query, collation)[0] ?? null) : doc);

  if (cmd.remove) {
    stats.opcounters.delete++;
    if (!match) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll!.delete(match.rid);
    return { lastErrorObject: { n: 1 }, value: shape(match.doc), ok: 1 };
  }

  stats.opcounters.update++;
  const u = cmd.update;
  validateUpdate(u);
  if (match) {
    const result = applyUpdate(match.doc, u, { arrayFilters, filter: query, variables, collation });
    if (result.changed) {
      checkStorable(result.doc);
      coll!.replace(match.rid, result.doc);
    }
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new ? result.doc : match.doc), ok: 1 };
  }
  if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = buildUpsert(query, u, arrayFilters, variables);
  checkStorable(doc);
  ctx.catalog.ensureCollection(ctx.db, name).insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: cmd.new ? shape(doc) : null,
    ok: 1,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = { findandmodify: findAndModify };
