import { defineFeature } from '../../platform/feature';
import { memorialAccountData } from './account-data';
import { Campaigns } from './campaign.model';
import { Cemeteries } from './cemetery.model';
import { CounterShards } from './counter.model';
import { Memorials } from './memorial.model';
import { Invites, Relatives } from './relative.model';
import { memorialRoutes } from './routes';
import { tributeCountRepair } from './sweepers';
import { Tributes } from './tribute.model';

export const memorialFeature = defineFeature({
  name: 'memorial',
  routes: memorialRoutes,
  sweepers: [tributeCountRepair],
  models: [Cemeteries, Memorials, Relatives, Invites, Tributes, Campaigns, CounterShards],
  accountData: memorialAccountData,
});
