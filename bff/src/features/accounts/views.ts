import type { OperationResult } from '@warmcity/shared';
import type { StaffScope, accountsApi } from '@warmcity/shared/api/accounts';
import type { SessionUser } from '../../platform/session';
import type { Account, StoredIdentity } from './account.model';

export type AccountViewResult = OperationResult<typeof accountsApi.me>;

export const identityView = (identity: StoredIdentity) => ({
  maskedName: identity.maskedName,
  maskedIdNumber: identity.maskedIdNumber,
  boundAt: identity.boundAt.toISOString(),
});

export const scopesOf = (account: Pick<Account, 'staffScopes'>): StaffScope[] =>
  account.staffScopes.map((scope) => ({ kind: scope.kind, id: scope.id.toHexString() }));

export function accountView(account: Account): AccountViewResult {
  return {
    id: account._id.toHexString(),
    provider: account.provider,
    roles: account.roles,
    staffScopes: scopesOf(account),
    identity: account.identity ? identityView(account.identity) : null,
    createdAt: account.createdAt.toISOString(),
  };
}

export function adminAccountView(account: Account) {
  return {
    id: account._id.toHexString(),
    provider: account.provider,
    roles: account.roles,
    staffScopes: scopesOf(account),
    identityBound: account.identity !== null,
    createdAt: account.createdAt.toISOString(),
  };
}

/** The session an access token carries: staff scopes travel as `kind:id` so other features can
 * check them without loading the account. */
export const sessionUserOf = (account: Account): SessionUser => ({
  id: account._id.toHexString(),
  roles: account.roles,
  scopes: scopesOf(account).map((scope) => `${scope.kind}:${scope.id}`),
});
