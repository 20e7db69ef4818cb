import type { Types } from 'mongoose';
import {
  billedMinutes,
  type ChargeStatus,
  type ChargeView,
  type PortStatus,
  type SiteSummary,
} from '@warmcity/shared/api/charging';
import type { Charge } from './charge.model';
import { isOpenAt } from './china-time';
import type { ChargingPort } from './port.model';
import type { ChargingSite } from './site.model';

/** Connector states in which nothing can charge (OCPP Faulted, Unavailable): the port is out of
 * use (capacity 0) and residents see it as out of order. */
export const UNUSABLE_CONNECTOR = ['Faulted', 'Unavailable'] as const;

/** What a port is doing, from the port and its current charge (confirmed seat), if any. */
export function portStatusOf(
  port: Pick<ChargingPort, 'outOfService' | 'connectorStatus' | 'offline' | 'booked'>,
  current: Pick<Charge, 'startedAt'> | undefined,
): PortStatus {
  if (port.outOfService) return 'out_of_service';
  if ((UNUSABLE_CONNECTOR as readonly string[]).includes(port.connectorStatus)) return 'fault';
  if (port.offline) return 'offline';
  if (current) return current.startedAt ? 'charging' : 'reserved';
  return port.booked > 0 ? 'reserved' : 'free';
}

export const pointOf = (location: ChargingSite['location']) => ({
  lng: location.coordinates[0],
  lat: location.coordinates[1],
});

export function siteSummaryOf(site: ChargingSite, ports: { total: number; free: number }, now: Date): SiteSummary {
  return {
    id: site._id.toHexString(),
    name: site.name,
    town: { code: site.town.code, name: site.town.name },
    address: site.address,
    location: pointOf(site.location),
    hours: site.hours,
    openNow: isOpenAt(site.hours, now),
    pricePerMinuteFen: site.pricePerMinuteFen,
    graceMinutes: site.graceMinutes,
    maxMinutes: site.maxMinutes,
    safetyNotes: site.safetyNotes,
    totalPorts: ports.total,
    freePorts: ports.free,
  };
}

export function chargeStatusOf(charge: Pick<Charge, 'status' | 'startedAt'>): ChargeStatus {
  if (charge.status === 'expired') return 'expired';
  if (charge.status === 'confirmed' || charge.status === 'pending') return charge.startedAt ? 'charging' : 'reserved';
  return charge.startedAt ? 'completed' : 'cancelled';
}

/** Seconds charged by `now` (a running session) or in all (an ended one). */
function secondsOf(charge: Charge, now: Date): number {
  if (charge.seconds !== null) return charge.seconds;
  if (!charge.startedAt || charge.endedAt) return 0;
  const until = Math.min(now.getTime(), charge.startedAt.getTime() + charge.maxMinutes * 60_000);
  return Math.max(0, Math.floor((until - charge.startedAt.getTime()) / 1000));
}

export interface ChargeRefs {
  sites: ReadonlyMap<string, Pick<ChargingSite, '_id' | 'name' | 'address'>>;
  ports: ReadonlyMap<string, Pick<ChargingPort, '_id' | 'label' | 'code'>>;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const key = (id: Types.ObjectId) => id.toHexString();

export function chargeViewOf(charge: Charge, refs: ChargeRefs, now: Date): ChargeView {
  const site = refs.sites.get(key(charge.siteId));
  const port = refs.ports.get(key(charge.pool));
  if (!site || !port) throw new Error(`charge ${key(charge._id)} names a site or port that is gone`);
  const status = chargeStatusOf(charge);
  const seconds = secondsOf(charge, now);
  const minutes = charge.minutes ?? billedMinutes(seconds, charge.maxMinutes);
  return {
    id: key(charge._id),
    status,
    site: { id: key(site._id), name: site.name, address: site.address },
    port: { id: key(port._id), label: port.label, code: port.code },
    pricePerMinuteFen: charge.pricePerMinuteFen,
    maxMinutes: charge.maxMinutes,
    reservedAt: iso(charge.reservedAt),
    holdExpiresAt: status === 'reserved' ? iso(charge.expiresAt) : null,
    startedAt: iso(charge.startedAt),
    stopsBy: status === 'charging' ? iso(charge.stopsBy) : null,
    endedAt: iso(charge.endedAt),
    endReason: charge.endReason,
    seconds,
    minutes,
    energyWh: charge.energyWh,
    costFen: charge.costFen ?? minutes * charge.pricePerMinuteFen,
    payment: charge.orderId ? { orderId: key(charge.orderId), status: charge.paidAt ? 'paid' : 'unpaid' } : null,
  };
}
