import type { FeatureModule } from '../platform/feature';
import type { Implementation } from '../platform/implement';
import { paymentsModule } from '../platform/payments/module';
import type { SweeperTask } from '../platform/sweeper';
import { uploadsModule } from '../platform/uploads/module';
import { provideMaskedNames } from '../platform/people';
import { accountMaskedNames } from './accounts/masked-names';
import { accountsFeature } from './accounts/module';
import { chargingFeature } from './charging/module';
import { insuranceFeature } from './insurance/module';
import { memorialFeature } from './memorial/module';
import { notificationsFeature } from './notifications/module';
import { parentSchoolFeature } from './parent-school/module';
import { systemFeature } from './system/module';

/** Every feature the app runs: its routes, sweepers, models and account-data hooks. */
export const features: readonly FeatureModule[] = [
  systemFeature,
  accountsFeature,
  parentSchoolFeature,
  insuranceFeature,
  memorialFeature,
  chargingFeature,
  paymentsModule,
  uploadsModule,
  notificationsFeature,
];

// Rosters show names that accounts keeps (see platform/people.ts).
provideMaskedNames(accountMaskedNames);

/** Every feature's handlers; the app binds exactly these and checks them against the contract. */
export const featureRoutes: readonly Implementation[] = features.flatMap((feature) => feature.routes);

/** Features whose operations are declared in shared but whose handlers have not landed: their
 * routes answer 501 after the session and input checks. Remove the name when the routes land. */
export const pendingFeatures: readonly string[] = [];

/** Background work every instance runs; started by `run.ts`, not by the app, so tests drive it. */
export const featureSweepers: readonly SweeperTask[] = features.flatMap((feature) => feature.sweepers ?? []);
