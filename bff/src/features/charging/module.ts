import { defineFeature } from '../../platform/feature';
import { chargingAccountData } from './account-data';
import { markChargePaid } from './billing';
import { Charges } from './charge.model';
import { DeviceNonces } from './device-nonce.model';
import { chargingDeviceRoutes } from './device.routes';
import { portHeartbeats } from './device-sweepers';
import { ChargingPorts, DEVICE_SECRET_CONTEXT } from './port.model';
import { ChargingReports } from './report.model';
import { chargingReportRoutes } from './report.routes';
import { canViewReportPhoto } from './report.service';
import { chargingRoutes } from './routes';
import { ChargingSites } from './site.model';
import { chargingStaffRoutes } from './staff.routes';
import { chargingHoldExpiry, chargingSeatRepair, chargingSessionLimits } from './sweepers';

/** Each part of the contract is one line here. */
export const chargingFeature = defineFeature({
  name: 'charging',
  routes: [...chargingRoutes, ...chargingReportRoutes, ...chargingStaffRoutes, ...chargingDeviceRoutes],
  sweepers: [chargingHoldExpiry, chargingSessionLimits, chargingSeatRepair, portHeartbeats],
  models: [ChargingSites, ChargingPorts, Charges, ChargingReports, DeviceNonces],
  accountData: chargingAccountData,
  sealed: [{ model: ChargingPorts, fields: [{ path: 'deviceSecret', context: DEVICE_SECRET_CONTEXT }] }],
  payments: { onPaid: (deps, order) => markChargePaid(deps, order.subject.id) },
  uploads: { canView: (deps, { viewer, attachedTo }) => canViewReportPhoto(deps, viewer, attachedTo.id) },
});
