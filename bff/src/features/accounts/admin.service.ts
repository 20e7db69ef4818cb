import { Types, type QueryFilter } from 'mongoose';
import type { Role } from '@warmcity/shared';
import type { StaffScope } from '@warmcity/shared/api/accounts';
import type { Deps } from '../../platform/deps';
import { AuditLog, writeAudit, type AuditEntry, type AuditSource } from '../../platform/personal-data/audit';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { Accounts, type Account } from './account.model';
import { requireAdmin } from './own-account';
import { adminAccountView } from './views';

interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}

/** Newest first by `_id`; the cursor is the last id of the previous page. */
function afterCursor(cursor: string | undefined) {
  if (cursor === undefined) return {};
  if (!Types.ObjectId.isValid(cursor))
    throw problem('VALIDATION_FAILED', undefined, { errors: [{ path: 'query.cursor', message: 'unknown cursor' }] });
  return { _id: { $lt: new Types.ObjectId(cursor) } };
}

function pageOf<T extends { _id: Types.ObjectId }, V>(docs: T[], limit: number, view: (doc: T) => V) {
  const items = docs.slice(0, limit);
  return {
    items: items.map(view),
    nextCursor: docs.length > limit ? items[items.length - 1]!._id.toHexString() : null,
  };
}

export async function listAccounts(deps: Deps, user: SessionUser, query: PageQuery & { role?: Role | undefined }) {
  requireAdmin(user);
  const filter: QueryFilter<Account> = {
    deletedAt: null,
    ...afterCursor(query.cursor),
    ...(query.role ? { roles: query.role } : {}),
  };
  const docs = await Accounts(deps.connection)
    .find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean();
  return pageOf(docs, query.limit, adminAccountView);
}

type ScopeChange = { accountId: string } & StaffScope;

/** Grants a scope (and with it the staff role). Also used by the admin CLI. */
export async function grantStaffScope(deps: Deps, actor: SessionUser | null, change: ScopeChange, source: AuditSource) {
  if (actor) requireAdmin(actor);
  const scope = { kind: change.kind, id: new Types.ObjectId(change.id) };
  const account = await Accounts(deps.connection).findOneAndUpdate(
    { _id: new Types.ObjectId(change.accountId), deletedAt: null },
    { $addToSet: { staffScopes: scope, roles: 'staff' } },
    { returnDocument: 'after', lean: true },
  );
  if (!account) throw problem('NOT_FOUND');
  await auditScopeChange(deps, actor, account, 'staff-scope.grant', source);
  return adminAccountView(account);
}

/** Revokes a scope; the staff role goes with the last scope. The second step's filter is
 * evaluated atomically, so a grant racing in between keeps its role. */
export async function revokeStaffScope(
  deps: Deps,
  actor: SessionUser | null,
  change: ScopeChange,
  source: AuditSource,
) {
  if (actor) requireAdmin(actor);
  const accounts = Accounts(deps.connection);
  const _id = new Types.ObjectId(change.accountId);
  const pulled = await accounts.findOneAndUpdate(
    { _id, deletedAt: null },
    { $pull: { staffScopes: { kind: change.kind, id: new Types.ObjectId(change.id) } } },
    { returnDocument: 'after', lean: true },
  );
  if (!pulled) throw problem('NOT_FOUND');
  const account =
    (await accounts.findOneAndUpdate(
      { _id, staffScopes: { $size: 0 } },
      { $pull: { roles: 'staff' } },
      { returnDocument: 'after', lean: true },
    )) ?? pulled;
  await auditScopeChange(deps, actor, account, 'staff-scope.revoke', source);
  return adminAccountView(account);
}

async function auditScopeChange(
  deps: Deps,
  actor: SessionUser | null,
  account: Account,
  action: string,
  source: AuditSource,
) {
  await writeAudit(
    deps.connection,
    {
      actor: actor ? new Types.ObjectId(actor.id) : null,
      subjectAccount: account._id,
      subjectLookupKey: null,
      subjectMaskedId: account.identity?.maskedIdNumber ?? null,
      action,
    },
    source,
    deps.clock.now(),
  );
}

export async function auditLog(
  deps: Deps,
  user: SessionUser,
  query: PageQuery & { actor?: string | undefined; subject?: string | undefined; action?: string | undefined },
) {
  requireAdmin(user);
  const filter: QueryFilter<AuditEntry> = {
    ...afterCursor(query.cursor),
    ...(query.actor ? { actor: new Types.ObjectId(query.actor) } : {}),
    ...(query.subject ? { subjectAccount: new Types.ObjectId(query.subject) } : {}),
    ...(query.action ? { action: query.action } : {}),
  };
  const docs = await AuditLog(deps.connection)
    .find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean();
  return pageOf(docs, query.limit, (entry) => ({
    id: entry._id.toHexString(),
    at: entry.at.toISOString(),
    actor: entry.actor?.toHexString() ?? null,
    subjectAccount: entry.subjectAccount?.toHexString() ?? null,
    subjectMaskedId: entry.subjectMaskedId,
    action: entry.action,
    route: entry.route,
  }));
}
