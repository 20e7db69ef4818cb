import {
  chargingDeviceApi,
  chargingReportsApi,
  chargingResidentApi,
  chargingStaffApi,
} from '@warmcity/shared/api/charging';
import { defineFeature } from '../../platform/feature';
import { notYetImplemented } from '../../platform/implement';
import { chargingAccountData } from './account-data';
import { Charges } from './charge.model';
import { ChargingPorts } from './port.model';
import { ChargingReports } from './report.model';
import { ChargingSites } from './site.model';

/** Each part of the contract is one line here; a part still being built answers 501. */
export const chargingFeature = defineFeature({
  name: 'charging',
  routes: [
    ...notYetImplemented(Object.values(chargingResidentApi)),
    ...notYetImplemented(Object.values(chargingReportsApi)),
    ...notYetImplemented(Object.values(chargingStaffApi)),
    ...notYetImplemented(Object.values(chargingDeviceApi)),
  ],
  models: [ChargingSites, ChargingPorts, Charges, ChargingReports],
  accountData: chargingAccountData,
});
