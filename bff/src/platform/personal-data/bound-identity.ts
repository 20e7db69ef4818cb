import type { Connection } from 'mongoose';
import { type Types } from 'mongoose';

/** The real-name identity an account has bound (实名), as other features need it: the lookup key
 * that finds the person in their own records, and the masked number for audit entries. */
export interface BoundIdentity {
  readonly accountId: Types.ObjectId;
  readonly lookupKey: string;
  readonly maskedIdNumber: string;
}

interface AccountIdentityFields {
  identity: { lookupKey: string; maskedIdNumber: string } | null;
}

/**
 * Reads the `accounts` collection, which the accounts feature owns, through the driver and only
 * these two fields: features may not import accounts' model, and a second model on the
 * collection would make `syncIndexes` drop accounts' indexes. Null for an account that has not
 * bound an identity or is deleted.
 */
export async function boundIdentityOf(
  connection: Connection,
  accountId: Types.ObjectId,
): Promise<BoundIdentity | null> {
  const account = await connection
    .collection<AccountIdentityFields & { _id: Types.ObjectId }>('accounts')
    .findOne(
      { _id: accountId, deletedAt: null },
      { projection: { 'identity.lookupKey': 1, 'identity.maskedIdNumber': 1 } },
    );
  const identity = account?.identity;
  return identity ? { accountId, lookupKey: identity.lookupKey, maskedIdNumber: identity.maskedIdNumber } : null;
}

/** The live accounts that bound these persons, by lookup key, so what staff or an import does
 * about a person reaches the person's own account. */
export async function accountsBoundTo(
  connection: Connection,
  lookupKeys: readonly string[],
): Promise<Map<string, Types.ObjectId>> {
  const accounts = await connection
    .collection<AccountIdentityFields & { _id: Types.ObjectId }>('accounts')
    .find(
      { 'identity.lookupKey': { $in: [...new Set(lookupKeys)] }, deletedAt: null },
      { projection: { 'identity.lookupKey': 1 } },
    )
    .toArray();
  return new Map(accounts.flatMap((a) => (a.identity ? [[a.identity.lookupKey, a._id] as const] : [])));
}
