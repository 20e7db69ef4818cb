import { chargingResidentApi } from '@warmcity/shared/api/charging';
import { defineFeature } from '../../platform/feature';
import { notYetImplemented } from '../../platform/implement';
import { chargingAccountData } from './account-data';
import { Charges } from './charge.model';
import { DeviceNonces } from './device-nonce.model';
import { chargingDeviceRoutes } from './device.routes';
import { portHeartbeats } from './device-sweepers';
import { ChargingPorts } from './port.model';
import { ChargingReports } from './report.model';
import { chargingReportRoutes } from './report.routes';
import { canViewReportPhoto } from './report.service';
import { ChargingSites } from './site.model';
import { chargingStaffRoutes } from './staff.routes';

/** Each part of the contract is one line here; a part still being built answers 501. */
export const chargingFeature = defineFeature({
  name: 'charging',
  routes: [
    ...notYetImplemented(Object.values(chargingResidentApi)),
    ...chargingReportRoutes,
    ...chargingStaffRoutes,
    ...chargingDeviceRoutes,
  ],
  sweepers: [portHeartbeats],
  models: [ChargingSites, ChargingPorts, Charges, ChargingReports, DeviceNonces],
  accountData: chargingAccountData,
  uploads: { canView: (deps, { viewer, attachedTo }) => canViewReportPhoto(deps, viewer, attachedTo.id) },
});
