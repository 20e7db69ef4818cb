import type { Types } from 'mongoose';
import type { chargingResidentApi } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Query } from '../../platform/implement';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import { Charges } from './charge.model';
import { ChargingPorts, type ChargingPort } from './port.model';
import { ChargingSites, type ChargingSite } from './site.model';
import { portStatusOf, siteSummaryOf } from './views';

type Api = typeof chargingResidentApi;

/** Ports in all and ports free now, per site, counted from the port pools in one aggregation. */
async function portCounts(deps: Pick<Deps, 'connection'>, siteIds: readonly Types.ObjectId[]) {
  const rows = await ChargingPorts(deps.connection).aggregate<{ _id: Types.ObjectId; total: number; free: number }>([
    { $match: { siteId: { $in: siteIds } } },
    {
      $group: {
        _id: '$siteId',
        total: { $sum: 1 },
        free: { $sum: { $cond: [{ $lt: ['$booked', '$capacity'] }, 1, 0] } },
      },
    },
  ]);
  return new Map(rows.map((row) => [row._id.toHexString(), { total: row.total, free: row.free }]));
}

const noPorts = { total: 0, free: 0 };

export async function listTowns(deps: Deps) {
  const rows = await ChargingSites(deps.connection).aggregate<{
    _id: string;
    name: string;
    district: string;
    lng: number;
    lat: number;
    sites: number;
  }>([
    {
      $group: {
        _id: '$town.code',
        name: { $first: '$town.name' },
        district: { $first: '$town.district' },
        lng: { $avg: { $arrayElemAt: ['$location.coordinates', 0] } },
        lat: { $avg: { $arrayElemAt: ['$location.coordinates', 1] } },
        sites: { $sum: 1 },
      },
    },
    { $sort: { _id: 1 } },
  ]);
  return {
    items: rows.map((row) => ({
      code: row._id,
      name: row.name,
      district: row.district,
      center: { lng: row.lng, lat: row.lat },
      sites: row.sites,
    })),
  };
}

/** `$geoNear` over the sites' `2dsphere` index, then the free ports of just those sites. */
export async function sitesNear(deps: Deps, query: Query<Api['sitesNear']>) {
  const sites = await ChargingSites(deps.connection).aggregate<ChargingSite & { distanceM: number }>([
    {
      $geoNear: {
        near: { type: 'Point', coordinates: [query.lng, query.lat] },
        key: 'location',
        distanceField: 'distanceM',
        maxDistance: query.radiusM,
        spherical: true,
      },
    },
    { $limit: query.limit },
  ]);
  const counts = await portCounts(
    deps,
    sites.map((site) => site._id),
  );
  const now = deps.clock.now();
  return {
    items: sites.map((site) => ({
      ...siteSummaryOf(site, counts.get(site._id.toHexString()) ?? noPorts, now),
      distanceM: Math.round(site.distanceM),
    })),
  };
}

/** The port grid: each port's status, and which one is the caller's. */
async function portViews(deps: Deps, user: SessionUser | null, ports: readonly ChargingPort[]) {
  const current = await Charges(deps.connection)
    .find({ pool: { $in: ports.map((p) => p._id) }, status: 'confirmed' }, { pool: 1, startedAt: 1, holder: 1 })
    .lean();
  const byPort = new Map(current.map((c) => [c.pool.toHexString(), c]));
  const me = user ? accountIdOf(user) : null;
  return ports.map((port) => {
    const charge = byPort.get(port._id.toHexString());
    return {
      id: port._id.toHexString(),
      label: port.label,
      status: portStatusOf(port, charge),
      mine: Boolean(me && charge?.holder.equals(me)),
    };
  });
}

const portFields = { journal: 0, deviceSecret: 0 } as const;

export async function getSite(deps: Deps, user: SessionUser | null, id: string) {
  const site = await ChargingSites(deps.connection).findById(oid(id)).lean();
  if (!site) throw problem('NOT_FOUND');
  const ports = await ChargingPorts(deps.connection)
    .find({ siteId: site._id }, portFields)
    .sort({ sort: 1 })
    .lean<ChargingPort[]>();
  const free = ports.filter((port) => port.booked < port.capacity).length;
  return {
    ...siteSummaryOf(site, { total: ports.length, free }, deps.clock.now()),
    ports: await portViews(deps, user, ports),
  };
}

export async function lookupPort(deps: Deps, user: SessionUser | null, code: string) {
  const port = await ChargingPorts(deps.connection).findOne({ code }, portFields).lean<ChargingPort>();
  const site = port && (await ChargingSites(deps.connection).findById(port.siteId).lean());
  if (!port || !site) throw problem('NOT_FOUND');
  const counts = await portCounts(deps, [site._id]);
  const [view] = await portViews(deps, user, [port]);
  return { site: siteSummaryOf(site, counts.get(site._id.toHexString()) ?? noPorts, deps.clock.now()), port: view! };
}
