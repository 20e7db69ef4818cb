import type { Document } from 'bson';
import { fail } from '../errors';
import { stats } from '../stats';
import { aggregateCommands } from './aggregate';
import { collectionCommands } from './collections';
import type { CommandContext, CommandHandler } from './context';
import { findAndModifyCommands } from './find-and-modify';
import { handshakeCommands, noTransactions } from './handshake';
import { indexCommands } from './indexes';
import { readCommands } from './read';
import { writeCommands } from './write';

// Keyed by lower-case name: mongod accepts both isMaster/ismaster, findAndModify/findandmodify.
const handlers: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...collectionCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...indexCommands,
};

/** Runs one command synchronously: nothing else can interleave, which is what makes each command atomic. */
export function runCommand(cmd: Document, ctx: CommandContext): Document {
  const name = Object.keys(cmd)[0] ?? '';
  if (cmd.txnNumber !== undefined || cmd.startTransaction !== undefined || cmd.autocommit !== undefined) {
    return noTransactions(cmd, ctx);
  }
  const handler = Object.hasOwn(handlers, name.toLowerCase()) ? handlers[name.toLowerCase()] : undefined;
  if (!handler) return fail(59, `no such command: '${name}'`);
  if (!['find', 'getmore', 'insert', 'update', 'delete'].includes(name.toLowerCase())) stats.opcounters.command++;
  return handler(cmd, ctx);
}
