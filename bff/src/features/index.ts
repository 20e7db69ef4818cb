import type { Implementation } from '../platform/implement';
import type { SweeperTask } from '../platform/sweeper';
import { provideMaskedNames } from '../platform/people';
import { accountMaskedNames } from './accounts/masked-names';
import { accountsRoutes } from './accounts/routes';
import { parentSchoolRoutes } from './parent-school/routes';
import { sessionSeatRepair } from './parent-school/sweepers';
import { systemRoutes } from './system/routes';

// Rosters show names that accounts keeps (see platform/people.ts).
provideMaskedNames(accountMaskedNames);

/** Every feature's handlers; the app binds exactly these and checks them against the contract. */
export const featureRoutes: readonly Implementation[] = [...systemRoutes, ...accountsRoutes, ...parentSchoolRoutes];

/** Features whose operations are declared in shared but whose handlers have not landed: their
 * routes answer 501 after the session and input checks. Remove the name when the routes land. */
export const pendingFeatures: readonly string[] = [];

/** Background work every instance runs; started by `run.ts`, not by the app, so tests drive it. */
export const featureSweepers: readonly SweeperTask[] = [sessionSeatRepair];
