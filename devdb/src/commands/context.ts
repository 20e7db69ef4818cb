import type { Document } from 'bson';
import type { Catalog } from '../catalog';
import type { CursorRegistry } from '../cursors';

export interface CommandContext {
  db: string;
  catalog: Catalog;
  cursors: CursorRegistry;
  connectionId: number;
}

export type CommandHandler = (cmd: Document, ctx: CommandContext) => Document;
