import type { Deps } from '../../platform/deps';
import type { AuditSource } from '../../platform/personal-data/audit';
import type { SessionUser } from '../../platform/session';
import { chinaDate } from './china-time';
import { ChronicEligibilities } from './chronic.model';
import { readAs } from './subject';

export async function listChronic(deps: Deps, user: SessionUser, source: AuditSource) {
  const subject = await readAs(deps, user, 'insurance.chronic.read', source);
  const today = chinaDate(deps.clock.now());
  const items = await ChronicEligibilities(deps.connection)
    .find({ personId: subject.personId })
    .sort({ disease: 1 })
    .lean();
  return {
    items: items.map((e) => ({ disease: e.disease, validUntil: e.validUntil, valid: e.validUntil >= today })),
  };
}
