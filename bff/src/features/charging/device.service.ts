import type { Context } from 'koa';
import type { DeviceMessage } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { dataProtection } from '../../platform/personal-data/protection';
import { ACTIVE_SEAT_STATUSES } from '../../platform/seats/fields';
import { Charges } from './charge.model';
import { authenticateDevice } from './device-auth';
import { endPortCharge } from './end-charge';
import { ChargingPorts, DEVICE_SECRET_CONTEXT, type ChargingPort } from './port.model';
import { restorePortIfUsable, takePortOutOfUse } from './port-use';
import { ChargingSites } from './site.model';
import { UNUSABLE_CONNECTOR } from './views';

type DeviceStatus = Extract<DeviceMessage, { action: 'StatusNotification' }>['status'];

/** A cable is in the port in these states (OCPP 1.6 ChargePointStatus). */
const PLUGGED: readonly DeviceStatus[] = ['Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing'];
/** After a plugged state, these mean the transaction is over at the port: the plug was pulled
 * (`Available`) or the device stopped it and waits for the cable to go (`Finishing`). */
const SESSION_OVER: readonly DeviceStatus[] = ['Available', 'Finishing'];

// The site's `heartbeatSeconds` is how long a silent port stays online; asking for a beat every
// third of it means two lost beats on a mountain-area link never take a port offline.
const BEATS_PER_WINDOW = 3;
const MIN_INTERVAL_S = 10;

type DevicePort = Pick<ChargingPort, '_id' | 'siteId' | 'capacity' | 'offline' | 'plugged' | 'deviceSecret'>;

/** The device's clock says when an event happened; it never moves an event into our future. */
const eventTime = (timestamp: string, now: Date) => new Date(Math.min(Date.parse(timestamp), now.getTime()));

/**
 * One message from a port's device, after its signature: any message proves the device alive
 * (OCPP resets the heartbeat timer on every message); then the message's own effect; then what
 * the port should do now (its reservation, whether a session runs), which the device pulls with
 * every answer instead of us pushing ReserveNow / CancelReservation.
 */
export async function handleDeviceMessage(deps: Deps, ctx: Context, message: DeviceMessage) {
  const protection = dataProtection(deps.config);
  const port = await authenticateDevice(deps, ctx, async (deviceId) => {
    const found = await ChargingPorts(deps.connection)
      .findOne({ deviceId }, { siteId: 1, capacity: 1, offline: 1, plugged: 1, deviceSecret: 1 })
      .lean<DevicePort>();
    return found ? { secret: protection.decrypt(found.deviceSecret, DEVICE_SECRET_CONTEXT), device: found } : null;
  });
  const now = deps.clock.now();
  await ChargingPorts(deps.connection).updateOne({ _id: port._id }, { $set: { lastHeartbeatAt: now, offline: false } });
  if (port.offline) await restorePortIfUsable(deps, port._id);

  if (message.action === 'StatusNotification') await statusChanged(deps, port, message, now);
  if (message.action === 'MeterValues') await meterRead(deps, port, message.meterWh, eventTime(message.timestamp, now));
  if (message.action === 'BootNotification') {
    deps.logger.info({ portId: port._id, model: message.model, firmware: message.firmwareVersion }, 'device booted');
  }
  return answer(deps, port, now);
}

async function statusChanged(
  deps: Deps,
  port: DevicePort,
  message: Extract<DeviceMessage, { action: 'StatusNotification' }>,
  now: Date,
) {
  const at = eventTime(message.timestamp, now);
  const { status } = message;
  if ((UNUSABLE_CONNECTOR as readonly string[]).includes(status)) {
    // OCPP: a faulted connector's reservation is cancelled and its transaction stopped.
    await takePortOutOfUse(
      deps,
      port._id,
      { connectorStatus: status, faultCode: status === 'Faulted' ? message.errorCode : null },
      { at, reason: 'fault' },
    );
    return;
  }
  const plugged = PLUGGED.includes(status);
  const ports = ChargingPorts(deps.connection);
  // Only the update that flips `plugged` from true sees the unplug, so one instance ends the session.
  const unplugged = SESSION_OVER.includes(status)
    ? (await ports.updateOne({ _id: port._id, plugged: true }, { $set: { plugged: false } })).modifiedCount === 1
    : false;
  await ports.updateOne(
    { _id: port._id },
    { $set: { connectorStatus: status, faultCode: null, ...(unplugged ? {} : { plugged }) } },
  );
  await restorePortIfUsable(deps, port._id);
  if (unplugged) {
    // A reservation outlives a cable pulled before the start; only a running session ends.
    const running = await Charges(deps.connection).exists({
      pool: port._id,
      status: 'confirmed',
      startedAt: { $ne: null },
    });
    if (running) await endPortCharge(deps, port._id, { at, reason: 'unplugged' });
  }
}

/** The reading is Wh since the session started, so it only grows: `$max` keeps the largest
 * whatever order retried messages arrive in. */
async function meterRead(deps: Deps, port: DevicePort, meterWh: number, at: Date) {
  await Charges(deps.connection).updateOne(
    { pool: port._id, status: 'confirmed', startedAt: { $ne: null, $lte: at } },
    { $max: { energyWh: meterWh }, $set: { meterAt: at } },
  );
}

async function answer(deps: Deps, port: DevicePort, now: Date) {
  const [site, charge] = await Promise.all([
    ChargingSites(deps.connection).findById(port.siteId, { heartbeatSeconds: 1 }).lean(),
    Charges(deps.connection)
      .findOne({ pool: port._id, status: { $in: ACTIVE_SEAT_STATUSES } }, { startedAt: 1, expiresAt: 1 })
      .lean(),
  ]);
  const heartbeatSeconds = site?.heartbeatSeconds ?? 300;
  const reserved = charge && charge.startedAt === null && charge.expiresAt;
  return {
    status: 'Accepted' as const,
    currentTime: now.toISOString(),
    interval: Math.max(MIN_INTERVAL_S, Math.floor(heartbeatSeconds / BEATS_PER_WINDOW)),
    reservation: reserved ? { id: charge._id.toHexString(), expiryDate: charge.expiresAt!.toISOString() } : null,
    charging: Boolean(charge?.startedAt),
  };
}
