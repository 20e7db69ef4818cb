import type { Types } from 'mongoose';
import { buildPath } from '@warmcity/shared';
import type { ReportView } from '@warmcity/shared/api/charging';
import { uploadsApi } from '@warmcity/shared/api/uploads';
import type { ChargingReport } from './report.model';

export interface ReportRefs {
  sites: ReadonlyMap<string, { name: string }>;
  ports: ReadonlyMap<string, { label: string }>;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const photo = (id: Types.ObjectId) => ({
  id: id.toHexString(),
  url: buildPath(uploadsApi.get.path, { id: id.toHexString() }),
});

export function reportViewOf(report: ChargingReport, refs: ReportRefs): ReportView {
  return {
    id: report._id.toHexString(),
    site: { id: report.siteId.toHexString(), name: refs.sites.get(report.siteId.toHexString())?.name ?? '' },
    kind: report.kind,
    place: report.place,
    description: report.description,
    location: report.location ? { lng: report.location.coordinates[0], lat: report.location.coordinates[1] } : null,
    portLabel: report.portId ? (refs.ports.get(report.portId.toHexString())?.label ?? null) : null,
    photos: report.photoIds.map(photo),
    status: report.status,
    createdAt: report.createdAt.toISOString(),
    assignedAt: iso(report.assignedAt),
    resolvedAt: iso(report.resolvedAt),
    answer: report.answer
      ? { note: report.answer.note, photo: report.answer.photoId ? photo(report.answer.photoId) : null }
      : null,
  };
}

export const staffReportViewOf = (report: ChargingReport, refs: ReportRefs) => ({
  ...reportViewOf(report, refs),
  assigneeId: report.assigneeId?.toHexString() ?? null,
});
