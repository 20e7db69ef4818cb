import type { Document } from 'bson';
import { Collection, type ValidationPolicy } from './collection';
import { fail } from './errors';
import type { IndexSpec } from './indexes/index';
import type { JournalOp } from './journal-ops';

/** Databases and their collections; every change is reported to the journal sink as it happens. */
export class Catalog {
  readonly databases = new Map<string, Map<string, Collection>>();
  private pending: JournalOp[] = [];
  /** Turned off for replay and for commands with `bypassDocumentValidation`. */
  readonly validation: ValidationPolicy = { enabled: true };

  /** Changes made since the last call, to be journaled as one unit. */
  takeChanges(): JournalOp[] {
    const ops = this.pending;
    this.pending = [];
    return ops;
  }

  private readonly record = (op: JournalOp) => {
    this.pending.push(op);
  };

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created on first write as mongod does. */
  ensureCollection(db: string, name: string): Collection {
    return this.collection(db, name) ?? this.createCollection(db, name, {});
  }

  createCollection(db: string, name: string, options: Document): Collection {
    validateName(db, name);
    if (this.collection(db, name)) fail(48, `Collection ${db}.${name} already exists.`);
    let colls = this.databases.get(db);
    if (!colls) this.databases.set(db, (colls = new Map()));
    const coll = new Collection(db, name, options, this.record, this.validation);
    colls.set(name, coll);
    this.record({ op: 'createCollection', db, coll: name, options });
    return coll;
  }

  dropCollection(db: string, name: string): boolean {
    const colls = this.databases.get(db);
    if (!colls?.delete(name)) return false;
    if (!colls.size) this.databases.delete(db);
    this.record({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string): void {
    if (!this.databases.delete(db)) return;
    this.record({ op: 'dropDatabase', db });
  }

  /** Re-applies a journaled change (replay); the change is recorded again only for the next snapshot. */
  apply(op: JournalOp): void {
    switch (op.op) {
      case 'createCollection':
        if (!this.collection(op.db, op.coll)) this.createCollection(op.db, op.coll, op.options);
        return;
      case 'dropCollection':
        this.dropCollection(op.db, op.coll);
        return;
      case 'setOptions':
        this.collection(op.db, op.coll)?.setOptions(op.options);
        return;
      case 'dropDatabase':
        this.dropDatabase(op.db);
        return;
      case 'createIndex':
        this.ensureCollection(op.db, op.coll).createIndex(op.spec as IndexSpec);
        return;
      case 'dropIndex':
        this.collection(op.db, op.coll)?.dropIndex(op.name);
        return;
      case 'insert':
        this.ensureCollection(op.db, op.coll).insert(op.doc);
        return;
      case 'replace': {
        const coll = this.ensureCollection(op.db, op.coll);
        const rid = coll.ridOfId(op.doc._id);
        if (rid === undefined) coll.insert(op.doc);
        else coll.replace(rid, op.doc);
        return;
      }
      case 'delete': {
        const coll = this.collection(op.db, op.coll);
        const rid = coll?.ridOfId(op.id);
        if (coll && rid !== undefined) coll.delete(rid);
        return;
      }
    }
  }
}

function validateName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db)) fail(73, `Invalid database name: '${db}'`);
  if (!name || name.includes('$') || name.startsWith('.') || name.includes('\0'))
    fail(73, `Invalid collection name: ${name}`);
}
