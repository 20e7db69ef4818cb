import type { Types, UpdateQuery } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { endPortCharge, type PortEnd, type PortEndOutcome } from './end-charge';
import { ChargingPorts, type ChargingPort } from './port.model';
import { UNUSABLE_CONNECTOR } from './views';

/**
 * Takes a port out of use and ends what is on it. Capacity goes to 0 in the same update that
 * records why, before the charge on it ends, so no take lands in between; `booked` stays 1 until
 * `endPortCharge` releases the seat (the take guard compares `booked + 1 <= capacity`, so a
 * counter above capacity only refuses). The seats' `setCapacity` would refuse to go below
 * `booked`, which is the whole point here, so this is the one direct capacity write, bumping
 * `seatVersion` as seats' own writes do so a recount in flight does not overwrite it.
 */
export async function takePortOutOfUse(
  deps: Deps,
  portId: Types.ObjectId,
  set: UpdateQuery<ChargingPort>['$set'],
  end: PortEnd,
): Promise<PortEndOutcome> {
  await ChargingPorts(deps.connection).updateOne(
    { _id: portId },
    { $set: { ...set, capacity: 0 }, $inc: { seatVersion: 1 } },
  );
  return endPortCharge(deps, portId, end);
}

/**
 * Gives a port its place back when nothing keeps it out of use any more: in service, online and
 * not faulted, all checked in the one conditioned update, so a fault or an out-of-service that
 * lands at the same moment either comes after (and sets 0 again) or makes this match nothing.
 */
export async function restorePortIfUsable(deps: Deps, portId: Types.ObjectId): Promise<boolean> {
  const { modifiedCount } = await ChargingPorts(deps.connection).updateOne(
    {
      _id: portId,
      capacity: 0,
      outOfService: false,
      offline: false,
      connectorStatus: { $nin: UNUSABLE_CONNECTOR },
    },
    { $set: { capacity: 1 }, $inc: { seatVersion: 1 } },
  );
  return modifiedCount === 1;
}
