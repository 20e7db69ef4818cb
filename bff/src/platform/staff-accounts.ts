import type { Connection, Types } from 'mongoose';
import type { ScopeKind } from './scopes';

interface StaffFields {
  _id: Types.ObjectId;
  roles: string[];
  staffScopes: { kind: string; id: Types.ObjectId }[];
  deletedAt: Date | null;
}

/**
 * Whether an account (not the caller: someone a staff member hands work to) operates an object,
 * read from the `accounts` collection through the driver, as `boundIdentityOf` does, since
 * features may not import accounts' model. Admins operate everything.
 */
export async function accountOperates(
  connection: Connection,
  accountId: Types.ObjectId,
  kind: ScopeKind,
  id: Types.ObjectId,
): Promise<boolean> {
  const found = await connection.collection<StaffFields>('accounts').findOne(
    {
      _id: accountId,
      deletedAt: null,
      $or: [{ roles: 'admin' }, { roles: 'staff', staffScopes: { $elemMatch: { kind, id } } }],
    },
    { projection: { _id: 1 } },
  );
  return found !== null;
}
