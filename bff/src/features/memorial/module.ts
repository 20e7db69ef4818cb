import { defineFeature } from '../../platform/feature';
import { canViewMemorialPhoto } from './access';
import { memorialAccountData } from './account-data';
import { Campaigns } from './campaign.model';
import { Cemeteries } from './cemetery.model';
import { CounterShards } from './counter.model';
import { DeathNotices } from './death-notice.model';
import { memorialNoticeRoutes } from './death-notice.routes';
import { ID_NUMBER_CONTEXT, PHONE_CONTEXT } from './death-notice.seal';
import { Memorials } from './memorial.model';
import { Invites, Relatives } from './relative.model';
import { memorialRoutes } from './routes';
import { ServiceOrders } from './service-order.model';
import { memorialOrderRoutes } from './service-order.routes';
import { memorialStoryRoutes } from './story.routes';
import { memorialStaffRoutes } from './staff.routes';
import { canViewOrderPhoto, markServiceOrderPaid, recordServiceOrderRefund } from './service-order.service';
import { ServicePackages } from './service-package.model';
import { tributeCountRepair, visitSeatRepair } from './sweepers';
import { Tributes } from './tribute.model';
import { Visits } from './visit.model';
import { VisitSlots } from './visit-slot.model';

export const memorialFeature = defineFeature({
  name: 'memorial',
  routes: [
    ...memorialRoutes,
    ...memorialOrderRoutes,
    ...memorialNoticeRoutes,
    ...memorialStoryRoutes,
    ...memorialStaffRoutes,
  ],
  sweepers: [tributeCountRepair, visitSeatRepair],
  models: [
    Cemeteries,
    Memorials,
    Relatives,
    Invites,
    Tributes,
    Campaigns,
    CounterShards,
    VisitSlots,
    Visits,
    ServicePackages,
    ServiceOrders,
    DeathNotices,
  ],
  accountData: memorialAccountData,
  sealed: [
    {
      model: DeathNotices,
      fields: [
        { path: 'idNumberCipher', context: ID_NUMBER_CONTEXT },
        { path: 'phoneCipher', context: PHONE_CONTEXT },
      ],
      lookup: { path: 'idLookupKey', from: 'idNumberCipher' },
    },
  ],
  payments: { onPaid: markServiceOrderPaid, onRefunded: recordServiceOrderRefund },
  // One id space: an upload is attached either to a service order or to a memorial.
  uploads: {
    canView: async (deps, { viewer, attachedTo }) =>
      (await canViewOrderPhoto(deps, viewer, attachedTo.id)) ||
      canViewMemorialPhoto(deps.connection, viewer, attachedTo.id),
  },
});
