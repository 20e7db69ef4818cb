import type { Account } from './store';

export const roleNames: Record<Account['roles'][number], string> = {
  resident: '居民',
  staff: '工作人员',
  admin: '管理员',
};

export const isStaff = (account: Account) => account.roles.includes('staff') || account.roles.includes('admin');
