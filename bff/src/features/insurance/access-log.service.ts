import { staffPurpose } from '@warmcity/shared/api/insurance';
import type { Deps } from '../../platform/deps';
import { AuditLog } from '../../platform/personal-data/audit';
import type { SessionUser } from '../../platform/session';
import { requireSubject } from './subject';

const SHOWN = 100;

/** Who viewed my insurance data. Staff are shown as staff, never by account. */
export async function listAccessLog(deps: Deps, user: SessionUser) {
  const { identity } = await requireSubject(deps, user);
  const entries = await AuditLog(deps.connection)
    .find({ subjectAccount: identity.accountId, action: /^insurance\./ })
    .sort({ _id: -1 })
    .limit(SHOWN)
    .lean();
  return {
    items: entries.map((entry) => ({
      at: entry.at.toISOString(),
      viewer:
        entry.actor === null
          ? ('system' as const)
          : entry.actor.equals(identity.accountId)
            ? ('self' as const)
            : ('staff' as const),
      action: entry.action,
      purpose: entry.purpose ? staffPurpose.parse(entry.purpose) : null,
    })),
  };
}
