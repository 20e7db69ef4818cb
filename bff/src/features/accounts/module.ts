import { defineFeature } from '../../platform/feature';
import { Accounts } from './account.model';
import { accountsRoutes } from './routes';
import { Sessions } from './session.model';

/** Accounts has no account-data hooks of its own: its deletion and export are the ones that call
 * every other feature's (privacy.service.ts). */
export const accountsFeature = defineFeature({
  name: 'accounts',
  routes: accountsRoutes,
  models: [Accounts, Sessions],
});
