import type { PortStatus } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { hasScope, requireStaff } from '../../platform/scopes';
import { oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { Charges } from './charge.model';
import { ChargingPorts, type ChargingPort } from './port.model';
import { ChargingSites } from './site.model';
import { SITE_SCOPE } from './staff.service';
import { portStatusOf } from './views';

// China has no daylight saving: its day starts at 16:00 UTC the day before.
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function chinaDay(now: Date) {
  const local = now.getTime() + CHINA_OFFSET_MS;
  const start = new Date(Math.floor(local / DAY_MS) * DAY_MS - CHINA_OFFSET_MS);
  return { date: new Date(local).toISOString().slice(0, 10), start };
}

/**
 * Occupancy now (each port counted under the status residents see) and today's usage (China
 * day): sessions that ended today with their billed minutes, energy and revenue, and no-shows.
 * Sessions are counted from their stored bill, so the figures are the ones residents paid.
 */
export async function staffSiteToday(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  if (!hasScope(user, SITE_SCOPE, id)) throw problem('NOT_FOUND');
  const siteId = oid(id);
  if (!(await ChargingSites(deps.connection).exists({ _id: siteId }))) throw problem('NOT_FOUND');
  const now = deps.clock.now();
  const { date, start } = chinaDay(now);

  const ports = await ChargingPorts(deps.connection)
    .find({ siteId }, { outOfService: 1, connectorStatus: 1, offline: 1, booked: 1 })
    .lean<ChargingPort[]>();
  const current = await Charges(deps.connection)
    .find({ pool: { $in: ports.map((p) => p._id) }, status: 'confirmed' }, { pool: 1, startedAt: 1 })
    .lean();
  const byPort = new Map(current.map((charge) => [charge.pool.toHexString(), charge]));
  const occupancy = { total: ports.length, free: 0, reserved: 0, charging: 0, fault: 0, offline: 0, outOfService: 0 };
  for (const port of ports) {
    const status: PortStatus = portStatusOf(port, byPort.get(port._id.toHexString()));
    occupancy[status === 'out_of_service' ? 'outOfService' : status] += 1;
  }

  const [usage] = await Charges(deps.connection).aggregate<{
    sessions: number;
    minutes: number;
    energyWh: number;
    revenueFen: number;
    noShows: number;
  }>([
    // Expired holds are matched by their expiry too, as the seats' release may leave `endedAt` unset.
    {
      $match: {
        siteId,
        $or: [{ endedAt: { $gte: start, $lte: now } }, { status: 'expired', expiresAt: { $gte: start, $lte: now } }],
      },
    },
    {
      $group: {
        _id: null,
        sessions: { $sum: { $cond: [{ $ne: ['$startedAt', null] }, 1, 0] } },
        minutes: { $sum: { $ifNull: ['$minutes', 0] } },
        energyWh: { $sum: { $ifNull: ['$energyWh', 0] } },
        revenueFen: { $sum: { $ifNull: ['$costFen', 0] } },
        noShows: { $sum: { $cond: [{ $eq: ['$status', 'expired'] }, 1, 0] } },
      },
    },
  ]);
  return {
    siteId: id,
    date,
    occupancy,
    usage: {
      sessions: usage?.sessions ?? 0,
      minutes: usage?.minutes ?? 0,
      energyWh: usage?.energyWh ?? 0,
      revenueFen: usage?.revenueFen ?? 0,
      noShows: usage?.noShows ?? 0,
    },
  };
}
