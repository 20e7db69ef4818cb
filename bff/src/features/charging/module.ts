import { chargingDeviceApi, chargingReportsApi, chargingStaffApi } from '@warmcity/shared/api/charging';
import { defineFeature } from '../../platform/feature';
import { notYetImplemented } from '../../platform/implement';
import { chargingAccountData } from './account-data';
import { markChargePaid } from './billing';
import { Charges } from './charge.model';
import { ChargingPorts } from './port.model';
import { ChargingReports } from './report.model';
import { chargingRoutes } from './routes';
import { ChargingSites } from './site.model';
import { chargingHoldExpiry, chargingSeatRepair, chargingSessionLimits } from './sweepers';

/** Each part of the contract is one line here; a part still being built answers 501. */
export const chargingFeature = defineFeature({
  name: 'charging',
  routes: [
    ...chargingRoutes,
    ...notYetImplemented(Object.values(chargingReportsApi)),
    ...notYetImplemented(Object.values(chargingStaffApi)),
    ...notYetImplemented(Object.values(chargingDeviceApi)),
  ],
  sweepers: [chargingHoldExpiry, chargingSessionLimits, chargingSeatRepair],
  models: [ChargingSites, ChargingPorts, Charges, ChargingReports],
  accountData: chargingAccountData,
  payments: { onPaid: (deps, order) => markChargePaid(deps, order.subject.id) },
});
