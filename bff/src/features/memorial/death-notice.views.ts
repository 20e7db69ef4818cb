import type { DeathNoticeView } from '@warmcity/shared/api/memorial-notices';
import type { DeathNotice } from './death-notice.model';

/** The masked phone unless `phone` (the agency team's detail view) is given. */
export const deathNoticeViewOf = (notice: DeathNotice, phone?: string): DeathNoticeView => ({
  id: notice._id.toHexString(),
  cemetery: { id: notice.cemeteryId.toHexString(), name: notice.cemeteryName },
  deceasedName: notice.deceasedName,
  maskedIdNumber: notice.maskedIdNumber,
  deathDate: notice.deathDate,
  place: notice.place,
  relation: notice.relation,
  contactPhone: phone ?? notice.maskedPhone,
  note: notice.note,
  state: notice.state,
  timeline: notice.timeline.map((step) => ({
    state: step.state,
    at: step.at.toISOString(),
    note: step.note,
    by: step.by,
  })),
  seenAt: notice.seenAt?.toISOString() ?? null,
  createdAt: notice.createdAt.toISOString(),
});
