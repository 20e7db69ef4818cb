import { Schema, type Connection } from 'mongoose';
import { defineModel } from './model';
import { problem } from './problem';

/**
 * Accounts whose access tokens stop working before they lapse: a token is stateless for 15
 * minutes, so every authenticated request asks here, by `_id` (the primary index, one read).
 * Only revoked accounts have a record, so the common case finds nothing.
 */
interface Revocation {
  _id: string;
  reason: 'deleted' | 'suspended';
  at: Date;
}

const schema = new Schema<Revocation>(
  {
    _id: { type: String, required: true },
    reason: { type: String, enum: ['deleted', 'suspended'], required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);

const COLLECTION = 'account_revocations';
export const AccountRevocations = defineModel('AccountRevocation', schema, COLLECTION);

/** From now on no access token of the account is honoured; refreshing is the feature's own
 * business (it ends the sessions). Repeating it changes nothing. */
export async function revokeAccount(
  connection: Connection,
  accountId: string,
  reason: Revocation['reason'],
  at: Date,
): Promise<void> {
  await AccountRevocations(connection).updateOne(
    { _id: accountId },
    { $setOnInsert: { reason, at } },
    { upsert: true },
  );
}

/** Takes a revocation back, for a deletion that failed before it erased anything. */
export async function restoreAccount(connection: Connection, accountId: string): Promise<void> {
  await AccountRevocations(connection).deleteOne({ _id: accountId });
}

/** A 401 for a token whose account is deleted or suspended. */
export async function requireActiveAccount(connection: Connection, accountId: string): Promise<void> {
  // Every authenticated request asks, so on the driver: mongoose's query casting is CPU for nothing.
  const revoked = await connection
    .db!.collection<Revocation>(COLLECTION)
    .findOne({ _id: accountId }, { projection: { _id: 1 } });
  if (revoked) throw problem('ACCOUNT_INACTIVE');
}
