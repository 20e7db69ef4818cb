import type { Document } from 'bson';
import { Rank } from './bson/compare';
import { Catalog } from './catalog';
import { runCommand } from './commands/index';
import { CursorRegistry } from './cursors';
import { errorReply } from './errors';
import { Bound } from './indexes/index';
import type { JournalOp } from './journal-ops';

export interface Durability {
  /** Resolves once the changes are on disk; only then may the command be acknowledged. */
  append(ops: JournalOp[]): Promise<void>;
}

/** Executes commands against the catalog and holds each reply until its changes are durable. */
export class Engine {
  readonly catalog = new Catalog();
  readonly cursors = new CursorRegistry();
  durability: Durability | undefined;

  async execute(db: string, cmd: Document, connectionId: number): Promise<Document> {
    let reply: Document;
    this.catalog.validation.enabled = cmd.bypassDocumentValidation !== true;
    try {
      reply = runCommand(cmd, { db, catalog: this.catalog, cursors: this.cursors, connectionId });
    } catch (e) {
      reply = errorReply(e);
    } finally {
      this.catalog.validation.enabled = true;
    }
    // A failed statement can follow successful ones (ordered insertMany), so journal whatever changed.
    const changes = this.catalog.takeChanges();
    if (changes.length && this.durability) await this.durability.append(changes);
    return reply;
  }

  /** Deletes documents whose TTL-indexed date has passed; returns how many. */
  async expire(now: number): Promise<number> {
    let n = 0;
    for (const colls of this.catalog.databases.values()) {
      for (const coll of colls.values()) {
        for (const index of coll.indexes.values()) {
          const seconds = index.spec.expireAfterSeconds;
          if (typeof seconds !== 'number') continue;
          const expired = new Set<number>();
          index.scan(
            { values: [new Bound(Rank.Date, false)], inclusive: true },
            { values: [new Date(now - seconds * 1000)], inclusive: false },
            (rid) => expired.add(rid),
          );
          for (const rid of expired) coll.delete(rid);
          n += expired.size;
        }
      }
    }
    const changes = this.catalog.takeChanges();
    if (changes.length && this.durability) await this.durability.append(changes);
    return n;
  }
}
