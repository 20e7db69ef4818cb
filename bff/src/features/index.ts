import type { Implementation } from '../platform/implement';
import { accountsRoutes } from './accounts/routes';
import { parentSchoolRoutes } from './parent-school/routes';
import { systemRoutes } from './system/routes';

/** Every feature's handlers; the app binds exactly these and checks them against the contract. */
export const featureRoutes: readonly Implementation[] = [...systemRoutes, ...accountsRoutes, ...parentSchoolRoutes];

/** Features whose operations are declared in shared but whose handlers have not landed: their
 * routes answer 501 after the session and input checks. Remove the name when the routes land. */
export const pendingFeatures: readonly string[] = [];
