import { randomInt } from 'node:crypto';
import type { Types, UpdateQuery } from 'mongoose';
import { PORT_CODE_ALPHABET, PORT_CODE_LENGTH, portQrText, type chargingStaffApi } from '@warmcity/shared/api/charging';
import { isDuplicateKey } from '../../platform/database';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { dataProtection } from '../../platform/personal-data/protection';
import { problem } from '../../platform/problem';
import { hasScope, requireStaff, scopeIds } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Charges } from './charge.model';
import { newDeviceSecret } from './device-signature';
import { ChargingPorts, DEVICE_SECRET_CONTEXT, type ChargingPort } from './port.model';
import { portQrPng, portQrSheetPdf } from './port-qr';
import { restorePortIfUsable, takePortOutOfUse } from './port-use';
import { ChargingSites, type ChargingSite } from './site.model';
import { portStatusOf, siteSummaryOf } from './views';

type Api = typeof chargingStaffApi;

export const SITE_SCOPE = 'charging-site';
const PORT_FIELDS = { journal: 0, deviceSecret: 0 } as const;
const CODE_ATTEMPTS = 5;

const geo = (point: { lng: number; lat: number }) => ({ type: 'Point' as const, coordinates: [point.lng, point.lat] });

/** A site the caller operates; any other is missing. */
async function ownSite(deps: Deps, user: SessionUser, id: string | Types.ObjectId): Promise<ChargingSite> {
  requireStaff(user);
  if (!hasScope(user, SITE_SCOPE, String(id))) throw problem('NOT_FOUND');
  const site = await ChargingSites(deps.connection)
    .findById(typeof id === 'string' ? oid(id) : id)
    .lean<ChargingSite>();
  if (!site) throw problem('NOT_FOUND');
  return site;
}

/** A port of a site the caller operates; any other is missing. */
async function ownPort(deps: Deps, user: SessionUser, id: string): Promise<ChargingPort> {
  requireStaff(user);
  const port = await ChargingPorts(deps.connection).findById(oid(id), PORT_FIELDS).lean<ChargingPort>();
  if (!port || !hasScope(user, SITE_SCOPE, port.siteId)) throw problem('NOT_FOUND');
  return port;
}

async function portsOf(deps: Deps, siteIds: readonly Types.ObjectId[]) {
  return ChargingPorts(deps.connection)
    .find({ siteId: { $in: siteIds } }, PORT_FIELDS)
    .sort({ siteId: 1, sort: 1 })
    .lean<ChargingPort[]>();
}

function staffSiteViewOf(site: ChargingSite, ports: readonly ChargingPort[], now: Date) {
  const own = ports.filter((port) => port.siteId.equals(site._id));
  const free = own.filter((port) => port.booked < port.capacity).length;
  return { ...siteSummaryOf(site, { total: own.length, free }, now), heartbeatSeconds: site.heartbeatSeconds };
}

async function staffPortViews(deps: Deps, ports: readonly ChargingPort[]) {
  const current = await Charges(deps.connection)
    .find({ pool: { $in: ports.map((p) => p._id) }, status: 'confirmed' }, { pool: 1, startedAt: 1 })
    .lean();
  const byPort = new Map(current.map((charge) => [charge.pool.toHexString(), charge]));
  return ports.map((port) => ({
    id: port._id.toHexString(),
    siteId: port.siteId.toHexString(),
    code: port.code,
    label: port.label,
    status: portStatusOf(port, byPort.get(port._id.toHexString())),
    outOfService: port.outOfService,
    deviceId: port.deviceId,
    connectorStatus: port.connectorStatus,
    faultCode: port.faultCode,
    plugged: port.plugged,
    lastHeartbeatAt: port.lastHeartbeatAt?.toISOString() ?? null,
  }));
}

async function staffPortView(deps: Deps, portId: Types.ObjectId) {
  const port = await ChargingPorts(deps.connection).findById(portId, PORT_FIELDS).lean<ChargingPort>();
  if (!port) throw problem('NOT_FOUND');
  return (await staffPortViews(deps, [port]))[0]!;
}

export async function staffListSites(deps: Deps, user: SessionUser) {
  requireStaff(user);
  const filter = user.roles.includes('admin') ? {} : { _id: { $in: scopeIds(user, SITE_SCOPE).map(oid) } };
  const sites = await ChargingSites(deps.connection).find(filter).sort({ name: 1, _id: 1 }).lean<ChargingSite[]>();
  const ports = await portsOf(
    deps,
    sites.map((site) => site._id),
  );
  const now = deps.clock.now();
  return { items: sites.map((site) => staffSiteViewOf(site, ports, now)) };
}

/** Admins create sites, then grant their operators the site's scope. */
export async function staffCreateSite(deps: Deps, user: SessionUser, body: Body<Api['staffCreateSite']>) {
  if (!user.roles.includes('admin')) throw problem('FORBIDDEN');
  const now = deps.clock.now();
  const site = await ChargingSites(deps.connection).create({
    ...body,
    location: geo(body.location),
    createdAt: now,
    updatedAt: now,
  });
  return staffSiteViewOf(site.toObject(), [], now);
}

/** Charges fix their price and limits when they are made, so an edit applies to new ones only. */
export async function staffUpdateSite(deps: Deps, user: SessionUser, id: string, body: Body<Api['staffUpdateSite']>) {
  const site = await ownSite(deps, user, id);
  const { location, ...rest } = body;
  const now = deps.clock.now();
  const updated = await ChargingSites(deps.connection)
    .findOneAndUpdate(
      { _id: site._id },
      { $set: { ...rest, ...(location ? { location: geo(location) } : {}), updatedAt: now } },
      { returnDocument: 'after' },
    )
    .lean<ChargingSite>();
  if (!updated) throw problem('NOT_FOUND');
  return staffSiteViewOf(updated, await portsOf(deps, [site._id]), now);
}

export async function staffListPorts(deps: Deps, user: SessionUser, id: string) {
  const site = await ownSite(deps, user, id);
  return { items: await staffPortViews(deps, await portsOf(deps, [site._id])) };
}

const newPortCode = () =>
  Array.from({ length: PORT_CODE_LENGTH }, () => PORT_CODE_ALPHABET[randomInt(PORT_CODE_ALPHABET.length)]).join('');

/** A new port with a random code (redrawn on the rare clash) and its device's credentials, whose
 * secret is shown this once and stored sealed with the platform's data key: the BFF must hold it
 * to check signatures, so it cannot be a one-way hash. */
export async function staffCreatePort(deps: Deps, user: SessionUser, id: string, body: Body<Api['staffCreatePort']>) {
  const site = await ownSite(deps, user, id);
  const secret = newDeviceSecret();
  const sealed = dataProtection(deps.config).encrypt(secret, DEVICE_SECRET_CONTEXT);
  const ports = ChargingPorts(deps.connection);
  const last = await ports.findOne({ siteId: site._id }, { sort: 1 }).sort({ sort: -1 }).lean();
  for (let attempt = 1; ; attempt += 1) {
    const code = newPortCode();
    try {
      const port = await ports.create({
        siteId: site._id,
        code,
        label: body.label,
        sort: (last?.sort ?? 0) + 1,
        capacity: 1,
        deviceId: `wc-${code.toLowerCase()}`,
        deviceSecret: sealed,
        createdAt: deps.clock.now(),
      });
      return { port: await staffPortView(deps, port._id), deviceId: port.deviceId, secret };
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= CODE_ATTEMPTS) throw error;
    }
  }
}

/** Out of service ends what is on the port (a session billed to now, a reservation cancelled and
 * its holder told); back in service gives the port its place again unless a fault or silence
 * still keeps it out. */
export async function staffUpdatePort(deps: Deps, user: SessionUser, id: string, body: Body<Api['staffUpdatePort']>) {
  const port = await ownPort(deps, user, id);
  const set: UpdateQuery<ChargingPort>['$set'] = body.label === undefined ? {} : { label: body.label };
  if (body.outOfService === true) {
    await takePortOutOfUse(
      deps,
      port._id,
      { ...set, outOfService: true },
      { at: deps.clock.now(), reason: 'out_of_service' },
    );
  } else {
    if (body.outOfService === false) set.outOfService = false;
    if (Object.keys(set).length > 0) await ChargingPorts(deps.connection).updateOne({ _id: port._id }, { $set: set });
    if (body.outOfService === false) await restorePortIfUsable(deps, port._id);
  }
  return staffPortView(deps, port._id);
}

export async function staffResetDeviceSecret(deps: Deps, user: SessionUser, id: string) {
  const port = await ownPort(deps, user, id);
  const secret = newDeviceSecret();
  await ChargingPorts(deps.connection).updateOne(
    { _id: port._id },
    { $set: { deviceSecret: dataProtection(deps.config).encrypt(secret, DEVICE_SECRET_CONTEXT) } },
  );
  return { port: await staffPortView(deps, port._id), deviceId: port.deviceId, secret };
}

export async function staffPortQrPng(deps: Deps, user: SessionUser, id: string) {
  const port = await ownPort(deps, user, id);
  return portQrPng(portQrText(port.code));
}

const priceLine = (site: ChargingSite) =>
  site.pricePerMinuteFen === 0 ? '免费充电' : `${(site.pricePerMinuteFen / 100).toFixed(2)} 元/分钟，按分钟计费`;

/** One label per port: the QR, the code to type, the site, the price and hours before anything
 * starts (issue 12: residents complained of QR codes without a price), and the safety notes. */
export async function staffSiteQrPdf(deps: Deps, user: SessionUser, id: string) {
  const site = await ownSite(deps, user, id);
  const ports = await portsOf(deps, [site._id]);
  const hours = `${site.hours.opens}–${site.hours.closes} 开放 · 单次最长 ${site.maxMinutes} 分钟`;
  return portQrSheetPdf(
    `${site.name} 充电口二维码`,
    ports.map((port) => ({
      payload: portQrText(port.code),
      code: port.code,
      lines: [`${site.name} ${port.label}`, priceLine(site), hours, ...site.safetyNotes.slice(0, 2)],
    })),
  );
}
