import { chargingDeviceApi } from '@warmcity/shared/api/charging';
import { implement } from '../../platform/implement';
import { handleDeviceMessage } from './device.service';

export const chargingDeviceRoutes = implement(chargingDeviceApi, {
  deviceMessage: ({ body, ctx, deps }) => handleDeviceMessage(deps, ctx, body),
});
