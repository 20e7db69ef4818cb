import type { Account } from './store';

/** Role names as 我的 shows them. */
export const roleNames: Record<Account['roles'][number], string> = {
  resident: '居民',
  staff: '工作人员',
  admin: '管理员',
};

export const isStaff = (account: Account) => account.roles.includes('staff') || account.roles.includes('admin');

/** The name at the top of 我的: the verified name, else what the account is for, never an id. */
export function displayName(account: Account): string {
  if (account.identity) return account.identity.maskedName;
  return isStaff(account) ? '工作人员' : '暖城用户';
}

/** The line under the name: what the person does here; a staff member reads as staff, not also as 居民. */
export function roleLine(account: Account): string {
  const roles = isStaff(account) ? account.roles.filter((role) => role !== 'resident') : account.roles;
  return roles.map((role) => roleNames[role]).join(' · ');
}
