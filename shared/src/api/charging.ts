import { z } from 'zod';
import { idParams, isoDateTime, multiLineText, objectId, page, pageQuery, singleLineText } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';
import { amountFen } from './payments';

/** 电动自行车充电: sites near me, reserve a port, charge, pay the exact minutes, report unsafe
 * charging; staff tools and the device endpoint of the charging equipment. */

/** What a port's QR code and label carry: eight characters from an alphabet without look-alikes
 * (about 40 random bits), typed by residents, so it is upper case and never a database id. */
export const PORT_CODE_LENGTH = 8;
export const PORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const portCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-HJKMNP-Z]{8}$/, 'must be a port code');

/** The text inside a port's QR code; `parsePortQr` also accepts a bare typed code. */
export const PORT_QR_PREFIX = 'https://warmcity.cn/charging/port/';
export const portQrText = (code: string) => `${PORT_QR_PREFIX}${code}`;
export function parsePortQr(text: string): string | null {
  const raw = text.trim().startsWith(PORT_QR_PREFIX) ? text.trim().slice(PORT_QR_PREFIX.length) : text;
  const parsed = portCode.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Longest search radius of "sites near me": a town and its neighbours, not the province. */
export const MAX_NEAR_RADIUS_M = 20_000;
export const DEFAULT_GRACE_MINUTES = 15;
/** The reminder is sent this long before a reservation's hold runs out. */
export const RESERVATION_REMINDER_MINUTES = 5;
export const MAX_PRICE_PER_MINUTE_FEN = 100;

/**
 * What a session costs: billed minutes × price per minute. A started minute is billed (seconds
 * rounded up to whole minutes, once, and never beyond the site's maximum), so the resident reads
 * `N 分钟 × P 分/分钟` and the product is the amount to the fen: there is no rounding of money.
 */
export function billedMinutes(seconds: number, maxMinutes: number): number {
  return Math.min(Math.ceil(Math.max(0, seconds) / 60), maxMinutes);
}

// A query string value: a plain decimal number only (no '', 'Infinity', '0x10' or '1e3').
const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

export const longitude = z.number().min(-180).max(180);
export const latitude = z.number().min(-90).max(90);
export const point = z.strictObject({ lng: longitude, lat: latitude });
export type Point = z.infer<typeof point>;

/** 'HH:MM' in China time; a site open round the clock says 00:00–24:00. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');
export const openingHours = z.strictObject({ opens: clockTime, closes: clockTime });

export const townCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a town code');

export const townView = z.strictObject({
  code: townCode,
  name: z.string(),
  /** 黄岩区, 平阳县, 嘉兴市南湖区 ... */
  district: z.string(),
  /** Where "sites near" searches from when the resident declines to share their location. */
  center: point,
  sites: z.number().int(),
});

/** What a resident sees of a port. `reserved` and `charging` never say by whom. */
export const portStatus = z.enum(['free', 'reserved', 'charging', 'fault', 'offline', 'out_of_service']);
export type PortStatus = z.infer<typeof portStatus>;

export const siteSummary = z.strictObject({
  id: objectId,
  name: z.string(),
  town: z.strictObject({ code: townCode, name: z.string() }),
  address: z.string(),
  location: point,
  hours: openingHours,
  /** Whether the site is open now (China time); reserving and starting need it open. */
  openNow: z.boolean(),
  /** 0 means free: no payment step at all. */
  pricePerMinuteFen: amountFen,
  graceMinutes: z.number().int(),
  maxMinutes: z.number().int(),
  safetyNotes: z.array(z.string()),
  totalPorts: z.number().int(),
  /** Ports a resident could reserve this moment. */
  freePorts: z.number().int(),
});
export type SiteSummary = z.infer<typeof siteSummary>;

export const siteNear = siteSummary.extend({ distanceM: z.number().int() });

export const portView = z.strictObject({
  id: objectId,
  /** Painted on the port: 1号, A-03. */
  label: z.string(),
  status: portStatus,
  /** Whether the caller's own reservation or session is on this port. */
  mine: z.boolean(),
});

export const siteView = siteSummary.extend({ ports: z.array(portView) });
export type SiteView = z.infer<typeof siteView>;

/** A scanned or typed code: the port and its site, so the price shows before anything starts. */
export const portLookup = z.strictObject({ site: siteSummary, port: portView });

/**
 * A reservation and the session it turns into are one object (a charge): `reserved` until the
 * resident starts, `charging`, then `completed`; `cancelled` (by the resident, a fault, staff)
 * or `expired` (no-show) when it never started.
 */
export const chargeStatus = z.enum(['reserved', 'charging', 'completed', 'cancelled', 'expired']);
export type ChargeStatus = z.infer<typeof chargeStatus>;

export const endReason = z.enum([
  /** Stopped or cancelled in the app. */
  'resident',
  /** The site's maximum session length was reached. */
  'max_length',
  /** The device reported the plug pulled. */
  'unplugged',
  /** The device reported a fault (OCPP Faulted). */
  'fault',
  /** The device stopped sending heartbeats. */
  'offline',
  /** Staff took the port out of service. */
  'out_of_service',
  'account_deleted',
]);
export type EndReason = z.infer<typeof endReason>;

export const chargePayment = z.strictObject({
  orderId: objectId,
  status: z.enum(['unpaid', 'paid']),
});

export const chargeView = z.strictObject({
  id: objectId,
  status: chargeStatus,
  site: z.strictObject({ id: objectId, name: z.string(), address: z.string() }),
  /** The port's code is shown only to whoever holds it, to scan or type at the port. */
  port: z.strictObject({ id: objectId, label: z.string(), code: portCode }),
  /** Fixed when the charge was made: a price edit later never changes it. */
  pricePerMinuteFen: amountFen,
  maxMinutes: z.number().int(),
  reservedAt: isoDateTime.nullable(),
  /** Until when the port is held; null unless reserved. */
  holdExpiresAt: isoDateTime.nullable(),
  startedAt: isoDateTime.nullable(),
  /** When the session stops by itself at the latest; null unless charging. */
  stopsBy: isoDateTime.nullable(),
  endedAt: isoDateTime.nullable(),
  endReason: endReason.nullable(),
  /** Seconds charged so far (while charging) or in all. */
  seconds: z.number().int(),
  /** `billedMinutes(seconds, maxMinutes)`. */
  minutes: z.number().int(),
  /** Last meter reading of the session, in Wh; null when the device has reported none. */
  energyWh: z.number().int().nullable(),
  /** minutes × pricePerMinuteFen: running while charging, final once completed. */
  costFen: amountFen,
  /** The order to pay, once a paid session has ended; null for free sites and zero cost. */
  payment: chargePayment.nullable(),
});
export type ChargeView = z.infer<typeof chargeView>;

const nearQuery = z.strictObject({
  lng: decimal(-180, 180),
  lat: decimal(-90, 90),
  radiusM: z.coerce.number().int().min(1).max(MAX_NEAR_RADIUS_M).default(5_000),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const reserveBody = z.strictObject({
  siteId: objectId,
  /** A specific port of the site; without it, any free port of the site. */
  portId: objectId.optional(),
});

const myChargesQuery = pageQuery.extend({
  /** `sessions`: only charges that charged (我的充电记录); `all`: reservations too. */
  include: z.enum(['sessions', 'all']).default('sessions'),
});

/* ---- unsafe-charging reports ---- */

export const reportKind = z.enum(['dangling_wire', 'indoor_charging', 'faulty_port', 'other']);
export const reportStatus = z.enum(['open', 'assigned', 'resolved']);
/** Photos per report; each is a platform upload (type sniffed, size-limited, EXIF stripped). */
export const MAX_REPORT_PHOTOS = 4;

export const photoView = z.strictObject({ id: objectId, url: z.string() });

export const reportView = z.strictObject({
  id: objectId,
  site: z.strictObject({ id: objectId, name: z.string() }),
  kind: reportKind,
  /** 3幢2单元楼道, 车棚东侧第二根柱子. */
  place: z.string(),
  description: z.string(),
  location: point.nullable(),
  /** Set when the report is about one port (a faulty port). */
  portLabel: z.string().nullable(),
  photos: z.array(photoView),
  status: reportStatus,
  createdAt: isoDateTime,
  assignedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  /** The staff's answer, once resolved. */
  answer: z.strictObject({ note: z.string(), photo: photoView.nullable() }).nullable(),
});
export type ReportView = z.infer<typeof reportView>;

export const staffReportView = reportView.extend({
  /** The staff member working it; null while open. */
  assigneeId: objectId.nullable(),
});

const reportBody = z.strictObject({
  siteId: objectId,
  kind: reportKind,
  place: singleLineText(100),
  description: multiLineText(1000),
  location: point.optional(),
  portCode: portCode.optional(),
  photoIds: z.array(objectId).max(MAX_REPORT_PHOTOS).default([]),
});

const staffReportsQuery = pageQuery.extend({
  siteId: objectId.optional(),
  status: reportStatus.optional(),
});

/* ---- staff: sites and ports ---- */

const siteFields = z.strictObject({
  name: singleLineText(60),
  town: z.strictObject({ code: townCode, name: singleLineText(20), district: singleLineText(30) }),
  address: singleLineText(200),
  location: point,
  hours: openingHours,
  pricePerMinuteFen: z.int().min(0).max(MAX_PRICE_PER_MINUTE_FEN),
  graceMinutes: z.int().min(5).max(60),
  maxMinutes: z
    .int()
    .min(30)
    .max(24 * 60),
  /** A port that sends nothing for this long is offline. */
  heartbeatSeconds: z.int().min(30).max(3_600),
  safetyNotes: z.array(singleLineText(100)).max(10),
});
// Defaults only on creation: a partial of a schema with defaults would fill them into every edit.
const siteBody = siteFields.extend({
  graceMinutes: siteFields.shape.graceMinutes.default(DEFAULT_GRACE_MINUTES),
  heartbeatSeconds: siteFields.shape.heartbeatSeconds.default(300),
  safetyNotes: siteFields.shape.safetyNotes.default([]),
});

export const staffSiteView = siteSummary.extend({ heartbeatSeconds: z.number().int() });

/** OCPP 1.6 ChargePointStatus, as the device last reported it. */
export const connectorStatus = z.enum([
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEV',
  'SuspendedEVSE',
  'Finishing',
  'Reserved',
  'Faulted',
  'Unavailable',
]);
export type ConnectorStatus = z.infer<typeof connectorStatus>;

export const staffPortView = z.strictObject({
  id: objectId,
  siteId: objectId,
  code: portCode,
  label: z.string(),
  status: portStatus,
  outOfService: z.boolean(),
  /** The id the device signs its requests with. */
  deviceId: z.string(),
  connectorStatus,
  /** OCPP ChargePointErrorCode of the last fault; null when none. */
  faultCode: z.string().nullable(),
  plugged: z.boolean(),
  lastHeartbeatAt: isoDateTime.nullable(),
});

/** A device's credentials, shown once when a port is created or its secret is reset. */
export const deviceCredentials = z.strictObject({
  port: staffPortView,
  deviceId: z.string(),
  /** HMAC-SHA256 key, base64url; stored encrypted, never shown again. */
  secret: z.string(),
});

export const siteToday = z.strictObject({
  siteId: objectId,
  /** China-time day, YYYY-MM-DD. */
  date: z.string(),
  occupancy: z.strictObject({
    total: z.number().int(),
    free: z.number().int(),
    reserved: z.number().int(),
    charging: z.number().int(),
    fault: z.number().int(),
    offline: z.number().int(),
    outOfService: z.number().int(),
  }),
  usage: z.strictObject({
    /** Sessions that ended today. */
    sessions: z.number().int(),
    minutes: z.number().int(),
    energyWh: z.number().int(),
    revenueFen: amountFen,
    noShows: z.number().int(),
  }),
});

/* ---- the device endpoint (OCPP-shaped) ---- */

/** Every device request carries these; the signature is HMAC-SHA256 with the device's secret
 * over method, path, timestamp, nonce and the body bytes. */
export const DEVICE_HEADERS = {
  deviceId: 'x-device-id',
  timestamp: 'x-device-timestamp',
  nonce: 'x-device-nonce',
  signature: 'x-device-signature',
} as const;
/** A request whose timestamp is further than this from the server clock is stale. */
export const DEVICE_MAX_SKEW_MS = 5 * 60_000;

const meterWh = z.int().min(0).max(10_000_000);
const deviceTime = isoDateTime;

/** One message per request, named after its OCPP counterpart. Plugged is `StatusNotification`
 * `Preparing`; unplugged is `Available` (or `Finishing`) after it; recovered is `Available`
 * after `Faulted`. */
export const deviceMessage = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('BootNotification'),
    firmwareVersion: z.string().max(50),
    model: z.string().max(50),
  }),
  z.strictObject({ action: z.literal('Heartbeat') }),
  z.strictObject({
    action: z.literal('StatusNotification'),
    status: connectorStatus,
    errorCode: z
      .string()
      .regex(/^[A-Za-z]{1,40}$/)
      .default('NoError'),
    timestamp: deviceTime,
  }),
  z.strictObject({
    action: z.literal('MeterValues'),
    /** Energy.Active.Import.Register since the session started, in Wh. */
    meterWh,
    timestamp: deviceTime,
  }),
]);
export type DeviceMessage = z.infer<typeof deviceMessage>;

/** What the port should do now (ReserveNow / CancelReservation semantics, pulled by the device
 * with every message instead of pushed). */
export const deviceAnswer = z.strictObject({
  status: z.literal('Accepted'),
  currentTime: isoDateTime,
  /** Seconds between heartbeats. */
  interval: z.number().int(),
  reservation: z.strictObject({ id: objectId, expiryDate: isoDateTime }).nullable(),
  /** Whether a session is running on the port (the device may energise it). */
  charging: z.boolean(),
});

const base = '/api/charging';

/** Resident operations (branch charging-core). */
export const chargingResidentApi = {
  listTowns: defineOperation({
    id: 'charging.listTowns',
    method: 'GET',
    path: `${base}/towns`,
    summary: 'Towns with charging sites, for the picker when the resident does not share a location',
    access: 'public',
    response: z.strictObject({ items: z.array(townView) }),
  }),
  sitesNear: defineOperation({
    id: 'charging.sitesNear',
    method: 'GET',
    path: `${base}/sites`,
    summary: 'Sites within a radius, nearest first, with free ports now and the price',
    access: 'public',
    query: nearQuery,
    response: z.strictObject({ items: z.array(siteNear) }),
  }),
  getSite: defineOperation({
    id: 'charging.getSite',
    method: 'GET',
    path: `${base}/sites/:id`,
    summary: "A site and its ports' live status",
    access: 'optional',
    params: idParams,
    response: siteView,
  }),
  lookupPort: defineOperation({
    id: 'charging.lookupPort',
    method: 'GET',
    path: `${base}/ports/by-code/:code`,
    summary: 'The port a scanned or typed code names, with its site and price',
    access: 'optional',
    params: z.strictObject({ code: portCode }),
    response: portLookup,
  }),
  reserve: defineOperation({
    id: 'charging.reserve',
    method: 'POST',
    path: `${base}/charges`,
    summary: "Reserve a port (or any free port of a site) from now for the site's grace period",
    access: 'resident',
    idempotent: true,
    status: 201,
    body: reserveBody,
    response: chargeView,
    problems: ['SITE_CLOSED', 'PORT_TAKEN', 'PORT_OUT_OF_ORDER', 'NO_FREE_PORT', 'ACTIVE_CHARGE_EXISTS'],
  }),
  start: defineOperation({
    id: 'charging.start',
    method: 'POST',
    path: `${base}/charges/start`,
    summary: 'Start charging at the port of a scanned or typed code: my reservation there, or walk-up on a free port',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: z.strictObject({ code: portCode }),
    response: chargeView,
    problems: [
      'SITE_CLOSED',
      'PORT_TAKEN',
      'PORT_OUT_OF_ORDER',
      'ACTIVE_CHARGE_EXISTS',
      'RESERVED_OTHER_PORT',
      'RESERVATION_EXPIRED',
    ],
  }),
  cancel: defineOperation({
    id: 'charging.cancel',
    method: 'POST',
    path: `${base}/charges/:id/cancel`,
    summary: 'Cancel my reservation before charging starts; cancelling twice is harmless',
    access: 'resident',
    params: idParams,
    response: chargeView,
    problems: ['CHARGE_ALREADY_STARTED'],
  }),
  stop: defineOperation({
    id: 'charging.stop',
    method: 'POST',
    path: `${base}/charges/:id/stop`,
    summary: 'Stop my session; a paid one gets its order. Stopping twice is harmless',
    access: 'resident',
    params: idParams,
    response: chargeView,
    problems: ['CHARGE_NOT_STARTED'],
  }),
  getCharge: defineOperation({
    id: 'charging.getCharge',
    method: 'GET',
    path: `${base}/charges/:id`,
    summary: 'One of my reservations or sessions, with live time, energy and cost',
    access: 'resident',
    params: idParams,
    response: chargeView,
  }),
  myActiveCharge: defineOperation({
    id: 'charging.myActiveCharge',
    method: 'GET',
    path: `${base}/me/active`,
    summary: 'My reservation or session in progress, if any (at most one)',
    access: 'resident',
    response: z.strictObject({ charge: chargeView.nullable() }),
  }),
  listMyCharges: defineOperation({
    id: 'charging.listMyCharges',
    method: 'GET',
    path: `${base}/me/charges`,
    summary: '我的充电记录: my sessions (or all my charges), newest first',
    access: 'resident',
    query: myChargesQuery,
    response: page(chargeView),
  }),
} as const;

/** Unsafe-charging reports (branch charging-ops; pages on charging-pages). */
export const chargingReportsApi = {
  createReport: defineOperation({
    id: 'charging.createReport',
    method: 'POST',
    path: `${base}/reports`,
    summary: 'Report unsafe charging (私拉电线, 楼道/室内充电, a faulty port) near a site, with photos',
    access: 'resident',
    idempotent: true,
    status: 201,
    body: reportBody,
    response: reportView,
    problems: ['REPORT_PHOTO_INVALID'],
  }),
  listMyReports: defineOperation({
    id: 'charging.listMyReports',
    method: 'GET',
    path: `${base}/me/reports`,
    summary: 'My reports and their status, newest first',
    access: 'resident',
    query: pageQuery,
    response: page(reportView),
  }),
  getReport: defineOperation({
    id: 'charging.getReport',
    method: 'GET',
    path: `${base}/reports/:id`,
    summary: "One of my reports, with the staff's answer",
    access: 'resident',
    params: idParams,
    response: reportView,
  }),
  staffListReports: defineOperation({
    id: 'charging.staffListReports',
    method: 'GET',
    path: `${base}/staff/reports`,
    summary: 'Reports at my sites, newest first',
    access: 'staff',
    query: staffReportsQuery,
    response: page(staffReportView),
  }),
  staffAssignReport: defineOperation({
    id: 'charging.staffAssignReport',
    method: 'POST',
    path: `${base}/staff/reports/:id/assign`,
    summary: 'Take a report on (or hand it to another staff member of the site)',
    access: 'staff',
    params: idParams,
    body: z.strictObject({ assigneeId: objectId.optional() }),
    response: staffReportView,
    problems: ['REPORT_RESOLVED'],
  }),
  staffResolveReport: defineOperation({
    id: 'charging.staffResolveReport',
    method: 'POST',
    path: `${base}/staff/reports/:id/resolve`,
    summary: 'Resolve a report with a note and an optional photo; the reporter is told',
    access: 'staff',
    params: idParams,
    body: z.strictObject({ note: multiLineText(500), photoId: objectId.optional() }),
    response: staffReportView,
    problems: ['REPORT_RESOLVED', 'REPORT_PHOTO_INVALID'],
  }),
} as const;

/** Staff tools for sites and ports (branch charging-ops). */
export const chargingStaffApi = {
  staffListSites: defineOperation({
    id: 'charging.staffListSites',
    method: 'GET',
    path: `${base}/staff/sites`,
    summary: 'The sites I operate',
    access: 'staff',
    response: z.strictObject({ items: z.array(staffSiteView) }),
  }),
  staffCreateSite: defineOperation({
    id: 'charging.staffCreateSite',
    method: 'POST',
    path: `${base}/staff/sites`,
    summary: 'Create a site (admins; then grant its operators the charging-site scope)',
    access: 'admin',
    idempotent: true,
    status: 201,
    body: siteBody,
    response: staffSiteView,
  }),
  staffUpdateSite: defineOperation({
    id: 'charging.staffUpdateSite',
    method: 'PATCH',
    path: `${base}/staff/sites/:id`,
    summary: 'Edit a site: prices, hours, grace period, maximum session, notes (new charges only)',
    access: 'staff',
    params: idParams,
    body: siteFields.partial(),
    response: staffSiteView,
  }),
  staffListPorts: defineOperation({
    id: 'charging.staffListPorts',
    method: 'GET',
    path: `${base}/staff/sites/:id/ports`,
    summary: "A site's ports with codes and device state",
    access: 'staff',
    params: idParams,
    response: z.strictObject({ items: z.array(staffPortView) }),
  }),
  staffCreatePort: defineOperation({
    id: 'charging.staffCreatePort',
    method: 'POST',
    path: `${base}/staff/sites/:id/ports`,
    summary: 'Add a port; answers its code and, once, its device secret',
    access: 'staff',
    idempotent: true,
    status: 201,
    params: idParams,
    body: z.strictObject({ label: singleLineText(20) }),
    response: deviceCredentials,
  }),
  staffUpdatePort: defineOperation({
    id: 'charging.staffUpdatePort',
    method: 'PATCH',
    path: `${base}/staff/ports/:id`,
    summary: 'Relabel a port or take it out of (back into) service; out of service ends what is on it',
    access: 'staff',
    params: idParams,
    body: z.strictObject({ label: singleLineText(20).optional(), outOfService: z.boolean().optional() }),
    response: staffPortView,
  }),
  staffResetDeviceSecret: defineOperation({
    id: 'charging.staffResetDeviceSecret',
    method: 'POST',
    path: `${base}/staff/ports/:id/device-secret`,
    summary: 'Issue a new device secret for a port (the old one stops working)',
    access: 'staff',
    params: idParams,
    response: deviceCredentials,
  }),
  staffPortQrPng: defineOperation({
    id: 'charging.staffPortQrPng',
    method: 'GET',
    path: `${base}/staff/ports/:id/qr.png`,
    summary: "A port's printable QR code (code and label underneath) as PNG",
    access: 'staff',
    params: idParams,
    response: z.instanceof(Uint8Array),
    produces: 'image/png',
  }),
  staffSiteQrPdf: defineOperation({
    id: 'charging.staffSiteQrPdf',
    method: 'GET',
    path: `${base}/staff/sites/:id/qr.pdf`,
    summary: "Every port's QR code of a site, with price and safety notes, as a printable PDF",
    access: 'staff',
    params: idParams,
    response: z.instanceof(Uint8Array),
    produces: 'application/pdf',
  }),
  staffSiteToday: defineOperation({
    id: 'charging.staffSiteToday',
    method: 'GET',
    path: `${base}/staff/sites/:id/today`,
    summary: "Today's occupancy and usage (sessions, minutes, energy, revenue) of a site",
    access: 'staff',
    params: idParams,
    response: siteToday,
  }),
} as const;

/** The charging equipment's endpoint (branch charging-ops): signed, one message per request. */
export const chargingDeviceApi = {
  deviceMessage: defineOperation({
    id: 'charging.deviceMessage',
    method: 'POST',
    path: `${base}/device/messages`,
    summary: 'A port reports boot, heartbeat, status (plugged, unplugged, fault, recovered) or a meter reading',
    access: 'public',
    body: deviceMessage,
    response: deviceAnswer,
    problems: ['DEVICE_SIGNATURE_INVALID', 'DEVICE_REQUEST_STALE', 'DEVICE_NONCE_REPLAYED'],
  }),
} as const;

export const chargingApi = {
  ...chargingResidentApi,
  ...chargingReportsApi,
  ...chargingStaffApi,
  ...chargingDeviceApi,
} as const;

export const chargingProblems = defineProblems({
  SITE_CLOSED: { status: 409, title: 'The site is closed now', zh: '充电站当前不在开放时间' },
  PORT_TAKEN: { status: 409, title: 'The port is reserved or in use', zh: '该充电口已被预约或正在使用' },
  PORT_OUT_OF_ORDER: {
    status: 409,
    title: 'The port is faulty, offline or out of service',
    zh: '该充电口故障或暂停使用，请换一个',
  },
  NO_FREE_PORT: { status: 409, title: 'No free port at this site', zh: '该充电站暂无空闲充电口' },
  ACTIVE_CHARGE_EXISTS: {
    status: 409,
    title: 'You already have a reservation or session',
    zh: '您已有进行中的预约或充电，请先结束',
  },
  RESERVED_OTHER_PORT: {
    status: 409,
    title: 'Your reservation is for another port',
    zh: '您预约的是另一个充电口，请扫描预约的充电口',
  },
  RESERVATION_EXPIRED: { status: 409, title: 'The reservation has expired', zh: '预约已超时失效' },
  CHARGE_ALREADY_STARTED: {
    status: 409,
    title: 'Charging has started; stop it instead',
    zh: '已开始充电，请使用结束充电',
  },
  CHARGE_NOT_STARTED: { status: 409, title: 'Charging has not started', zh: '尚未开始充电' },
  REPORT_RESOLVED: { status: 409, title: 'The report is already resolved', zh: '该举报已处理完毕' },
  REPORT_PHOTO_INVALID: {
    status: 400,
    title: 'A photo is not an upload of yours',
    zh: '照片无效，请重新上传',
  },
  DEVICE_SIGNATURE_INVALID: { status: 401, title: 'Device request not signed by a known device', zh: '设备签名无效' },
  DEVICE_REQUEST_STALE: { status: 401, title: 'Device request timestamp too far from now', zh: '设备时间偏差过大' },
  DEVICE_NONCE_REPLAYED: { status: 401, title: 'Device request replayed', zh: '设备请求重复' },
});
