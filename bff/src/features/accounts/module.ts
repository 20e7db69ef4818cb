import { defineFeature } from '../../platform/feature';
import { Accounts, IDENTITY_ID_NUMBER_CONTEXT, IDENTITY_NAME_CONTEXT } from './account.model';
import { accountsRoutes } from './routes';
import { Sessions } from './session.model';

/** Accounts has no account-data hooks of its own: its deletion and export are the ones that call
 * every other feature's (privacy.service.ts). */
export const accountsFeature = defineFeature({
  name: 'accounts',
  routes: accountsRoutes,
  models: [Accounts, Sessions],
  sealed: [
    {
      model: Accounts,
      fields: [
        { path: 'identity.idNumberCipher', context: IDENTITY_ID_NUMBER_CONTEXT },
        { path: 'identity.nameCipher', context: IDENTITY_NAME_CONTEXT },
      ],
      lookup: { path: 'identity.lookupKey', from: 'identity.idNumberCipher' },
    },
  ],
});
