import type { Document } from 'bson';
import { fail } from '../errors';
import { matchDocuments } from '../query/plan';
import { applyUpdate, withIdFirst } from '../query/update';
import type { CommandContext } from './context';

/**
 * The `$merge` stage: writes each result document into the target collection, matched on the
 * `on` fields (default `_id`). `whenMatched: 'fail'` and inserts go through the collection's
 * own insert, so a clash reports mongod's duplicate key error with keyPattern/keyValue.
 */
export function mergeInto(ctx: CommandContext, spec: unknown, docs: Document[]): void {
  const opts: Document = typeof spec === 'string' ? { into: spec } : ((spec ?? {}) as Document);
  const into = typeof opts.into === 'string' ? { db: ctx.db, coll: opts.into } : ((opts.into ?? {}) as Document);
  if (typeof into.coll !== 'string' || !into.coll)
    fail(51178, "$merge 'into' field must be either a string or an object");
  const on = opts.on === undefined ? ['_id'] : Array.isArray(opts.on) ? (opts.on as string[]) : [String(opts.on)];
  const whenMatched = opts.whenMatched ?? 'merge';
  const whenNotMatched = opts.whenNotMatched ?? 'insert';
  const dest = ctx.catalog.ensureCollection(String(into.db ?? ctx.db), into.coll as string);
  for (const doc of docs) {
    const key: Document = {};
    for (const field of on) {
      const value = doc[field];
      if (value === undefined || value === null || Array.isArray(value)) {
        fail(51132, `$merge write error: 'on' field '${field}' cannot be missing, null or an array`);
      }
      key[field] = value;
    }
    const [match] = whenMatched === 'fail' ? [] : matchDocuments(dest, key, { limit: 1 });
    if (!match) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail')
        fail(
          13113,
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      dest.insert(withIdFirst(doc));
      continue;
    }
    const [rid, existing] = match;
    if (whenMatched === 'keepExisting') continue;
    let next: Document;
    if (Array.isArray(whenMatched))
      next = applyUpdate(existing, whenMatched as Document[], { variables: { new: doc } }).doc;
    else if (whenMatched === 'replace') next = { ...doc, _id: existing._id };
    else next = { ...existing, ...doc, _id: existing._id };
    dest.replace(rid, withIdFirst(next));
  }
}
