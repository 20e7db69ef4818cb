import { createHash } from 'node:crypto';
import { Types, type QueryFilter } from 'mongoose';
import type { chargingReportsApi } from '@warmcity/shared/api/charging';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body, Query } from '../../platform/implement';
import { notify } from '../../platform/notifications/notify';
import { AppError, problem } from '../../platform/problem';
import { hasScope, requireScope, requireStaff, scopeIds } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { accountOperates } from '../../platform/staff-accounts';
import { attachUploads, detachUploads } from '../../platform/uploads/attach';
import type { Attachment } from '../../platform/uploads/upload.model';
import { ChargingPorts } from './port.model';
import { ChargingReports, type ChargingReport } from './report.model';
import { reportViewOf, staffReportViewOf, type ReportRefs } from './report.views';
import { ChargingSites } from './site.model';

type Api = typeof chargingReportsApi;

const SITE_SCOPE = 'charging-site';
const reportLink = (id: Types.ObjectId) => `/charging/pages/report/index?id=${id.toHexString()}`;
const attachment = (id: Types.ObjectId): Attachment => ({ feature: 'charging', id: id.toHexString() });

/** The uploads platform answers 404 for a photo that is not the caller's unattached upload; to
 * the reporter it is a bad photo in their form. */
async function attachPhotos(deps: Deps, owner: Types.ObjectId, ids: readonly string[], to: Attachment) {
  try {
    await attachUploads(deps, { owner, ids, to });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPLOAD_NOT_FOUND') throw problem('REPORT_PHOTO_INVALID');
    throw error;
  }
}

const unique = (ids: readonly Types.ObjectId[]) => [...new Map(ids.map((id) => [id.toHexString(), id])).values()];

async function refsFor(deps: Deps, reports: readonly ChargingReport[]): Promise<ReportRefs> {
  const portIds = reports.flatMap((r) => (r.portId ? [r.portId] : []));
  const [sites, ports] = await Promise.all([
    ChargingSites(deps.connection)
      .find({ _id: { $in: unique(reports.map((r) => r.siteId)) } }, { name: 1 })
      .lean(),
    portIds.length > 0
      ? ChargingPorts(deps.connection)
          .find({ _id: { $in: unique(portIds) } }, { label: 1 })
          .lean()
      : [],
  ]);
  return {
    sites: new Map(sites.map((s) => [s._id.toHexString(), s])),
    ports: new Map(ports.map((p) => [p._id.toHexString(), p])),
  };
}

async function views<T>(deps: Deps, reports: ChargingReport[], as: (r: ChargingReport, refs: ReportRefs) => T) {
  const refs = await refsFor(deps, reports);
  return reports.map((report) => as(report, refs));
}

async function pageOf<T>(
  deps: Deps,
  filter: QueryFilter<ChargingReport>,
  query: { cursor?: string; limit: number },
  as: (r: ChargingReport, refs: ReportRefs) => T,
) {
  const docs = await ChargingReports(deps.connection)
    .find({ ...filter, ...afterCursor(query.cursor, 'createdAt', -1) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<ChargingReport[]>();
  const items = docs.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: await views(deps, items, as),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
  };
}

/** A report near a site: the site must exist, a port code must be one of its ports, and every
 * photo the reporter's own fresh upload; all checked (the photos claimed) before the insert. */
export async function createReport(deps: Deps, user: SessionUser, body: Body<Api['createReport']>) {
  const reporter = accountIdOf(user);
  const siteId = oid(body.siteId);
  if (!(await ChargingSites(deps.connection).exists({ _id: siteId }))) throw problem('NOT_FOUND');
  const port = body.portCode
    ? await ChargingPorts(deps.connection).findOne({ code: body.portCode, siteId }, { _id: 1 }).lean()
    : null;
  if (body.portCode && !port) throw problem('NOT_FOUND', 'no such port at this site');

  const id = new Types.ObjectId();
  await attachPhotos(deps, reporter, body.photoIds, attachment(id));
  let report: ChargingReport;
  try {
    report = (
      await ChargingReports(deps.connection).create({
        _id: id,
        reporter,
        siteId,
        kind: body.kind,
        place: body.place,
        description: body.description,
        location: body.location ? { type: 'Point', coordinates: [body.location.lng, body.location.lat] } : null,
        portId: port?._id ?? null,
        photoIds: body.photoIds.map((photoId) => new Types.ObjectId(photoId)),
        createdAt: deps.clock.now(),
      })
    ).toObject();
  } catch (error) {
    await detachUploads(deps, { ids: body.photoIds, from: attachment(id) });
    throw error;
  }
  return (await views(deps, [report], reportViewOf))[0]!;
}

export function listMyReports(deps: Deps, user: SessionUser, query: Query<Api['listMyReports']>) {
  return pageOf(deps, { reporter: accountIdOf(user) }, query, reportViewOf);
}

export async function getMyReport(deps: Deps, user: SessionUser, id: string) {
  const report = await ChargingReports(deps.connection)
    .findOne({ _id: oid(id), reporter: accountIdOf(user) })
    .lean<ChargingReport>();
  if (!report) throw problem('NOT_FOUND');
  return (await views(deps, [report], reportViewOf))[0]!;
}

/** Reports of the caller's sites (all sites for admins), optionally of one site or status. */
export function staffListReports(deps: Deps, user: SessionUser, query: Query<Api['staffListReports']>) {
  requireStaff(user);
  const filter: QueryFilter<ChargingReport> = query.status ? { status: query.status } : {};
  if (query.siteId) {
    requireScope(user, SITE_SCOPE, query.siteId);
    filter.siteId = oid(query.siteId);
  } else if (!user.roles.includes('admin')) {
    filter.siteId = { $in: scopeIds(user, SITE_SCOPE).map(oid) };
  }
  return pageOf(deps, filter, query, staffReportViewOf);
}

/** A report of one of the caller's sites; any other is missing. */
async function staffReport(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  const report = await ChargingReports(deps.connection).findById(oid(id)).lean<ChargingReport>();
  if (!report || !hasScope(user, SITE_SCOPE, report.siteId)) throw problem('NOT_FOUND');
  return report;
}

async function staffView(deps: Deps, report: ChargingReport | null) {
  if (!report) throw problem('REPORT_RESOLVED');
  return (await views(deps, [report], staffReportViewOf))[0]!;
}

/** Takes a report on, or hands it to another operator of the same site. */
export async function staffAssignReport(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['staffAssignReport']>,
) {
  const report = await staffReport(deps, user, id);
  const assignee = body.assigneeId ? oid(body.assigneeId) : accountIdOf(user);
  if (body.assigneeId && !(await accountOperates(deps.connection, assignee, SITE_SCOPE, report.siteId))) {
    throw problem('NOT_FOUND', 'no such operator of this site');
  }
  const updated = await ChargingReports(deps.connection)
    .findOneAndUpdate(
      { _id: report._id, status: { $ne: 'resolved' } },
      { $set: { status: 'assigned', assigneeId: assignee, assignedAt: deps.clock.now() } },
      { returnDocument: 'after' },
    )
    .lean<ChargingReport>();
  return staffView(deps, updated);
}

/**
 * Resolves a report with a note and an optional photo of the fix; the reporter is told. The
 * notice is written first, guarded on the report being resolved with this very note and keyed by
 * it: a request that dies in between tells nobody, and of two staff resolving at once only the
 * winner's note reaches the reporter (the loser's notice never matches its guard and is voided).
 */
export async function staffResolveReport(
  deps: Deps,
  user: SessionUser,
  id: string,
  body: Body<Api['staffResolveReport']>,
) {
  const report = await staffReport(deps, user, id);
  if (report.status === 'resolved') throw problem('REPORT_RESOLVED');
  const photoIds = body.photoId ? [body.photoId] : [];
  await attachPhotos(deps, accountIdOf(user), photoIds, attachment(report._id));
  const now = deps.clock.now();
  const reports = ChargingReports(deps.connection);
  try {
    await notify(
      deps,
      report.reporter,
      'charging_report_answered',
      {
        title: '您的充电安全举报已处理',
        body: body.note,
        link: reportLink(report._id),
        values: { place: report.place, note: body.note },
      },
      {
        dedupeKey: `charging:report-answered:${report._id.toHexString()}:${createHash('sha256').update(body.note).digest('hex')}`,
        guard: { model: reports, filter: { _id: report._id, status: 'resolved', 'answer.note': body.note } },
      },
    );
    const updated = await reports
      .findOneAndUpdate(
        { _id: report._id, status: { $ne: 'resolved' } },
        {
          $set: {
            status: 'resolved',
            resolvedAt: now,
            assigneeId: report.assigneeId ?? accountIdOf(user),
            assignedAt: report.assignedAt ?? now,
            answer: { note: body.note, photoId: body.photoId ? new Types.ObjectId(body.photoId) : null },
          },
        },
        { returnDocument: 'after' },
      )
      .lean<ChargingReport>();
    if (!updated) throw problem('REPORT_RESOLVED');
    return await staffView(deps, updated);
  } catch (error) {
    await detachUploads(deps, { ids: photoIds, from: attachment(report._id) });
    throw error;
  }
}

/** Who besides the uploader sees a report's photos: the reporter (the staff's answer photo) and
 * the staff of the report's site. */
export async function canViewReportPhoto(deps: Deps, viewer: SessionUser | null, reportId: string) {
  if (!viewer || !Types.ObjectId.isValid(reportId)) return false;
  const report = await ChargingReports(deps.connection)
    .findById(reportId, { reporter: 1, siteId: 1 })
    .lean<Pick<ChargingReport, '_id' | 'reporter' | 'siteId'>>();
  if (!report) return false;
  return report.reporter.toHexString() === viewer.id || hasScope(viewer, SITE_SCOPE, report.siteId);
}
