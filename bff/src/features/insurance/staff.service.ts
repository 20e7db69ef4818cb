import type { api } from '@warmcity/shared';
import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import type { Deps } from '../../platform/deps';
import { accountIdOf } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { writeAudit, type AuditSource } from '../../platform/personal-data/audit';
import { accountsBoundTo } from '../../platform/personal-data/bound-identity';
import { InsuredPersons } from '../../platform/personal-data/insured-person.model';
import { dataProtection } from '../../platform/personal-data/protection';
import { problem } from '../../platform/problem';
import { requireStaff, scopeIds } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { summaryOf } from './contribution.service';
import { filingsOf } from './filing.service';
import { casesOf } from './maternity.service';
import { ServiceHalls } from './service-hall.model';
import { isInsuredRecord } from './subject';
import { contributionView } from './views';

type LookupBody = Body<(typeof api)['insurance']['staffLookup']>;

/** The regions a clerk serves: those of the halls they are scoped to; null for an admin (all). */
async function regionsOf(deps: Deps, user: SessionUser): Promise<string[] | null> {
  if (user.roles.includes('admin')) return null;
  const hallIds = scopeIds(user, 'service-hall');
  if (hallIds.length === 0) return [];
  const halls = await ServiceHalls(deps.connection)
    .find({ _id: { $in: hallIds } }, { region: 1 })
    .lean();
  return halls.map((hall) => hall.region);
}

/**
 * A clerk looks a person up by ID number, for a stated purpose. A person of another region answers
 * exactly like one who is not in the registry (404), so a clerk cannot learn who is insured
 * elsewhere. The view is audited with the purpose before it is answered, and the person's own
 * account (when one is bound) sees it in 查询记录.
 */
export async function staffLookup(deps: Deps, user: SessionUser, body: LookupBody, source: AuditSource) {
  requireStaff(user);
  const idNumber = normaliseIdNumber(body.idNumber);
  if (checkIdNumber(idNumber)) throw problem('INVALID_ID_NUMBER');
  const lookupKeys = dataProtection(deps.config).lookupKeys(idNumber);
  const [regions, person] = await Promise.all([
    regionsOf(deps, user),
    InsuredPersons(deps.connection)
      .findOne({ lookupKey: { $in: lookupKeys } })
      .lean(),
  ]);
  if (!person || !isInsuredRecord(person) || (regions !== null && !regions.includes(person.region))) {
    throw problem('NOT_FOUND');
  }
  await writeAudit(
    deps.connection,
    {
      actor: accountIdOf(user),
      subjectAccount: [...(await accountsBoundTo(deps.connection, lookupKeys)).values()][0] ?? null,
      subjectLookupKey: person.lookupKey,
      subjectMaskedId: person.maskedIdNumber,
      action: 'insurance.staff.read',
      purpose: body.purpose,
    },
    source,
    deps.clock.now(),
  );
  const [{ summary, months }, maternity, filings] = await Promise.all([
    summaryOf(deps, person),
    casesOf(deps, person._id),
    filingsOf(deps, person._id),
  ]);
  return { ...summary, contributions: months.map(contributionView), maternity, filings };
}
