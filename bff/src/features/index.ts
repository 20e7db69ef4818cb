import type { Implementation } from '../platform/implement';
import type { PaymentHookRegistry } from '../platform/payments/hooks';
import { paymentsRoutes } from '../platform/payments/routes';
import { paymentReconciliation } from '../platform/payments/sweeper';
import type { SweeperTask } from '../platform/sweeper';
import { accountsRoutes } from './accounts/routes';
import { parentSchoolRoutes } from './parent-school/routes';
import { sessionSeatRepair } from './parent-school/sweepers';
import { systemRoutes } from './system/routes';

/** Every feature's handlers; the app binds exactly these and checks them against the contract. */
export const featureRoutes: readonly Implementation[] = [
  ...systemRoutes,
  ...accountsRoutes,
  ...parentSchoolRoutes,
  ...paymentsRoutes,
];

/** Features whose operations are declared in shared but whose handlers have not landed: their
 * routes answer 501 after the session and input checks. Remove the name when the routes land. */
export const pendingFeatures: readonly string[] = [];

/** Background work every instance runs; started by `run.ts`, not by the app, so tests drive it. */
export const featureSweepers: readonly SweeperTask[] = [sessionSeatRepair, paymentReconciliation];

/** Each paying feature's hooks, under its own name (`platform/payments/README.md`). */
export const featurePaymentHooks: PaymentHookRegistry = {};
