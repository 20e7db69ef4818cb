import { calculateObjectSize, type Document } from 'bson';
import { fail, toCommandError } from '../errors';
import { matchDocuments } from '../query/plan';
import { applyUpdate, buildUpsert, isOperatorUpdate, validateUpdate, withIdFirst } from '../query/update';
import { stats } from '../stats';
import { collectionName, letVariables } from './args';
import type { CommandHandler } from './context';

const MAX_DOCUMENT_SIZE = 16 * 1024 * 1024;

function writeError(index: number, e: unknown): Document {
  const err = toCommandError(e);
  return { index, code: err.code, ...err.extra, errmsg: err.message };
}

function statements(cmd: Document, field: string): Document[] {
  const list = cmd[field];
  if (!Array.isArray(list))
    return fail(40414, `BSON field '${Object.keys(cmd)[0]}.${field}' is missing but a required field`);
  return list as Document[];
}

/**
 * Runs each statement of a write command; an ordered batch stops at the first error, an
 * unordered one carries on. Errors are reported per statement, as mongod does.
 */
function eachStatement(cmd: Document, field: string, run: (stmt: Document, index: number) => void): Document[] {
  const ordered = cmd.ordered !== false;
  const writeErrors: Document[] = [];
  const list = statements(cmd, field);
  for (let i = 0; i < list.length; i++) {
    try {
      run(list[i]!, i);
    } catch (e) {
      writeErrors.push(writeError(i, e));
      if (ordered) break;
    }
  }
  return writeErrors;
}

export function checkStorable(doc: Document): void {
  if (calculateObjectSize(doc) > MAX_DOCUMENT_SIZE)
    fail(
      10334,
      `object to insert too large. size in bytes: ${calculateObjectSize(doc)}, max size: ${MAX_DOCUMENT_SIZE}`,
    );
}

const insert: CommandHandler = (cmd, ctx) => {
  const coll = ctx.catalog.ensureCollection(ctx.db, collectionName(cmd, 'insert'));
  let n = 0;
  const writeErrors = eachStatement(cmd, 'documents', (doc) => {
    stats.opcounters.insert++;
    if (doc === null || typeof doc !== 'object') fail(2, 'document to insert must be an object');
    checkStorable(doc);
    coll.insert(withIdFirst(doc));
    n++;
  });
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

// mongod 7.0 parses statements strictly; `sort` in an update statement arrived only in 8.0.
const UPDATE_STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'c',
  'upsert',
  'multi',
  'arrayFilters',
  'hint',
  'collation',
  'upsertSupplied',
  'sampleId',
]);

const update: CommandHandler = (cmd, ctx) => {
  const name = collectionName(cmd, 'update');
  for (const stmt of statements(cmd, 'updates')) {
    const unknown = Object.keys(stmt ?? {}).find((key) => !UPDATE_STATEMENT_FIELDS.has(key));
    if (unknown) fail(40415, `BSON field 'update.updates.${unknown}' is an unknown field.`);
  }
  const variables = letVariables(cmd);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = eachStatement(cmd, 'updates', (stmt, index) => {
    stats.opcounters.update++;
    const u = stmt.u;
    validateUpdate(u);
    if (stmt.multi && !Array.isArray(u) && !isOperatorUpdate(u))
      fail(9, 'multi update is not supported for replacement-style update');
    const arrayFilters = stmt.arrayFilters as Document[] | undefined;
    const coll = ctx.catalog.collection(ctx.db, name);
    const matches = matchDocuments(coll, stmt.q, {
      limit: stmt.multi ? undefined : 1,
      variables,
      collation: stmt.collation as Document | undefined,
    });
    if (!matches.length) {
      if (!stmt.upsert) return;
      const doc = buildUpsert(stmt.q, u, arrayFilters, variables);
      checkStorable(doc);
      ctx.catalog.ensureCollection(ctx.db, name).insert(doc);
      n++;
      upserted.push({ index, _id: doc._id });
      return;
    }
    for (const [rid, doc] of matches) {
      const result = applyUpdate(doc, u, {
        arrayFilters,
        filter: stmt.q,
        variables,
        collation: stmt.collation as Document | undefined,
      });
      n++;
      if (result.changed) {
        checkStorable(result.doc);
        coll!.replace(rid, result.doc);
        nModified++;
      }
    }
  });
  return {
    n,
    nModified,
    ...(upserted.length ? { upserted } : {}),
    ...(writeErrors.length ? { writeErrors } : {}),
    ok: 1,
  };
};

const remove: CommandHandler = (cmd, ctx) => {
  const coll = ctx.catalog.collection(ctx.db, collectionName(cmd, 'delete'));
  const variables = letVariables(cmd);
  let n = 0;
  const writeErrors = eachStatement(cmd, 'deletes', (stmt) => {
    stats.opcounters.delete++;
    if (stmt.limit !== 0 && stmt.limit !== 1)
      fail(9, `The limit field in delete objects must be 0 or 1. Got ${stmt.limit}`);
    for (const [rid] of matchDocuments(coll, stmt.q, {
      limit: stmt.limit,
      variables,
      collation: stmt.collation as Document | undefined,
    })) {
      coll!.delete(rid);
      n++;
    }
  });
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
