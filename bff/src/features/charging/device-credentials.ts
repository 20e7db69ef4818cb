import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import { dataProtection } from '../../platform/personal-data/protection';
import { ChargingPorts, DEVICE_SECRET_CONTEXT } from './port.model';

export interface PortDevice {
  readonly portId: string;
  readonly siteId: string;
  readonly code: string;
  readonly deviceId: string;
  readonly secret: string;
}

/**
 * The credentials of every port's device, unsealed: what the factory flashes into real devices,
 * for the simulator (`pnpm simulate charging`) that stands in for them in development and the
 * end-to-end tests. Never called by the BFF.
 */
export async function portDevices(
  connection: Connection,
  config: Pick<Config, 'DATA_KEY' | 'DATA_KEY_ID' | 'DATA_KEYS_RETIRED'>,
): Promise<PortDevice[]> {
  const protection = dataProtection(config);
  const ports = await ChargingPorts(connection)
    .find({}, { siteId: 1, code: 1, deviceId: 1, deviceSecret: 1 })
    .sort({ siteId: 1, sort: 1 })
    .lean();
  return ports.map((port) => ({
    portId: port._id.toHexString(),
    siteId: port.siteId.toHexString(),
    code: port.code,
    deviceId: port.deviceId,
    secret: protection.decrypt(port.deviceSecret, DEVICE_SECRET_CONTEXT),
  }));
}
