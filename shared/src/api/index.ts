import type { OperationSpec } from '../contract/operation';
import { commonProblems, type ProblemDefinition } from '../contract/problem';
import { systemApi } from './system';
import { accountsApi, accountsProblems } from './accounts';
import { notificationsApi } from './notifications';
import { parentSchoolApi, parentSchoolProblems } from './parent-school';

export { systemApi };

/** Every feature's operations, keyed by feature name; the route table is derived from it. */
export const api = {
  system: systemApi,
  accounts: accountsApi,
  'parent-school': parentSchoolApi,
  notifications: notificationsApi,
} as const;

export const operations: readonly OperationSpec[] = Object.values(api).flatMap((feature) => Object.values(feature));

/** Every problem code the API can answer with, and its Chinese text. */
export const problems: Readonly<Record<string, ProblemDefinition>> = {
  ...commonProblems,
  ...accountsProblems,
  ...parentSchoolProblems,
};
