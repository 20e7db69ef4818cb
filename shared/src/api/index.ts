import type { OperationSpec } from '../contract/operation';
import { commonProblems, type ProblemDefinition } from '../contract/problem';
import { systemApi } from './system';
import { accountsApi, accountsProblems } from './accounts';
import { chargingApi, chargingProblems } from './charging';
import { insuranceApi, insuranceProblems } from './insurance';
import { memorialApi, memorialProblems } from './memorial';
import { memorialOrdersApi, memorialOrdersProblems } from './memorial-orders';
import { memorialNoticesApi, memorialNoticesProblems } from './memorial-notices';
import { memorialStoriesApi, memorialStoriesProblems } from './memorial-stories';
import { memorialStaffApi, memorialStaffProblems } from './memorial-staff';
import { notificationsApi } from './notifications';
import { parentSchoolApi, parentSchoolProblems } from './parent-school';
import { paymentsApi, paymentsProblems } from './payments';
import { uploadsApi, uploadsProblems } from './uploads';

export { systemApi };

/** Every feature's operations, keyed by feature name; the route table is derived from it. */
export const api = {
  system: systemApi,
  accounts: accountsApi,
  'parent-school': parentSchoolApi,
  payments: paymentsApi,
  insurance: insuranceApi,
  memorial: {
    ...memorialApi,
    ...memorialOrdersApi,
    ...memorialNoticesApi,
    ...memorialStoriesApi,
    ...memorialStaffApi,
  },
  charging: chargingApi,
  notifications: notificationsApi,
  uploads: uploadsApi,
} as const;

export const operations: readonly OperationSpec[] = Object.values(api).flatMap((feature) => Object.values(feature));

const allProblems = {
  ...commonProblems,
  ...accountsProblems,
  ...parentSchoolProblems,
  ...paymentsProblems,
  ...insuranceProblems,
  ...memorialProblems,
  ...memorialOrdersProblems,
  ...memorialNoticesProblems,
  ...memorialStoriesProblems,
  ...memorialStaffProblems,
  ...uploadsProblems,
  ...chargingProblems,
};

/** Every problem code the API can answer with, as a union generated from the declarations, so a
 * misspelt `problem('CODE')` fails typecheck. */
export type ProblemCode = keyof typeof allProblems;

/** Every problem code the API can answer with, and its Chinese text. */
export const problems: Readonly<Record<ProblemCode, ProblemDefinition>> = allProblems;

export const isProblemCode = (code: string): code is ProblemCode => Object.hasOwn(problems, code);
