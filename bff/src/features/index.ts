import type { Implementation } from '../platform/implement';
import { createNotificationDelivery } from '../platform/notifications/deliver';
import type { SweeperTask } from '../platform/sweeper';
import { accountsRoutes } from './accounts/routes';
import { parentSchoolRoutes } from './parent-school/routes';
import { courseOpenings, sessionSeatRepair } from './parent-school/sweepers';
import { notificationsRoutes } from './notifications/routes';
import { systemRoutes } from './system/routes';

/** Every feature's handlers; the app binds exactly these and checks them against the contract. */
export const featureRoutes: readonly Implementation[] = [
  ...systemRoutes,
  ...accountsRoutes,
  ...parentSchoolRoutes,
  ...notificationsRoutes,
];

/** Features whose operations are declared in shared but whose handlers have not landed: their
 * routes answer 501 after the session and input checks. Remove the name when the routes land. */
export const pendingFeatures: readonly string[] = [];

/** Background work every instance runs; started by `run.ts`, not by the app, so tests drive it. */
export const featureSweepers: readonly SweeperTask[] = [
  sessionSeatRepair,
  courseOpenings,
  createNotificationDelivery(),
];
