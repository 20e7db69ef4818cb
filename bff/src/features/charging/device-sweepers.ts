import type { Types } from 'mongoose';
import type { SweeperTask } from '../../platform/sweeper';
import { endPortCharge } from './end-charge';
import { ChargingPorts } from './port.model';
import { ChargingSites } from './site.model';

const PORTS_PER_TICK = 200;

/**
 * A port whose device has been silent for its site's `heartbeatSeconds` goes offline: out of use
 * (capacity 0) and what was on it ended, billed up to the last sign of life. Each port is claimed
 * by the one `findOneAndUpdate` that flips `offline`, conditioned on the heartbeat still being
 * old, so a beat that lands first keeps the port online and two instances never end it twice.
 * A port that never reported (a plain outlet without a device) has no heartbeat and stays as it is.
 * The same tick ends what is left on any port out of use (`endPortCharge` ends a charge once).
 */
export const portHeartbeats = {
  name: 'charging-port-heartbeats',
  everyMs: 15_000,
  async tick(deps) {
    const now = deps.clock.now().getTime();
    const sites = await ChargingSites(deps.connection).find({}, { heartbeatSeconds: 1 }).lean();
    // One claim query per distinct interval (sites share a handful), each over the heartbeat index.
    const byInterval = new Map<number, Types.ObjectId[]>();
    for (const site of sites)
      byInterval.set(site.heartbeatSeconds, [...(byInterval.get(site.heartbeatSeconds) ?? []), site._id]);

    const ports = ChargingPorts(deps.connection);
    let offline = 0;
    let ended = 0;
    for (const [seconds, siteIds] of byInterval) {
      const cutoff = new Date(now - seconds * 1000);
      while (offline < PORTS_PER_TICK) {
        const port = await ports
          .findOneAndUpdate(
            { lastHeartbeatAt: { $lt: cutoff }, offline: false, siteId: { $in: siteIds } },
            { $set: { offline: true, capacity: 0 }, $inc: { seatVersion: 1 } },
            { projection: { lastHeartbeatAt: 1 } },
          )
          .lean();
        if (!port) break;
        offline += 1;
        const outcome = await endPortCharge(deps, port._id, { at: port.lastHeartbeatAt!, reason: 'offline' });
        if (outcome.ended) ended += 1;
      }
    }
    // A request that died between putting a port out of use and ending its charge, or a take
    // that counted just before the capacity went to 0, leaves a seat on an unusable port.
    const stranded = await ports
      .find({ capacity: 0, booked: { $gt: 0 } }, { offline: 1, outOfService: 1, lastHeartbeatAt: 1 })
      .limit(PORTS_PER_TICK)
      .lean();
    for (const port of stranded) {
      const reason = port.offline ? 'offline' : port.outOfService ? 'out_of_service' : 'fault';
      const at = port.offline && port.lastHeartbeatAt ? port.lastHeartbeatAt : new Date(now);
      const outcome = await endPortCharge(deps, port._id, { at, reason });
      if (outcome.ended) ended += 1;
    }
    return { offline, ended };
  },
} satisfies SweeperTask;
