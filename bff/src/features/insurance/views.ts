import type { Month } from './contribution.model';
import type { FamilyLink } from './family-link.model';
import type { MaternityCase } from './maternity-case.model';
import type { Filing } from './remote-care.model';
import type { SubjectRecord } from './subject';
import { maternityStages } from '@warmcity/shared/api/insurance';

export const personView = (person: SubjectRecord) => ({
  maskedName: person.maskedName,
  maskedIdNumber: person.maskedIdNumber,
  insuranceType: person.insuranceType,
  status: person.status,
  region: person.region,
  since: person.since,
});

export const contributionView = (c: Month) => ({
  period: c.period,
  baseFen: c.baseFen,
  employerFen: c.employerFen,
  personalFen: c.personalFen,
  status: c.status,
});

export function maternityCaseView(c: MaternityCase) {
  const stages = maternityStages.flatMap((stage) => {
    const at = c.stageAt[stage];
    return at ? [{ stage, at: at.toISOString() }] : [];
  });
  const reached = stages.length === 0 ? -1 : maternityStages.indexOf(stages[stages.length - 1]!.stage);
  return {
    id: c._id.toHexString(),
    stages,
    nextStage: maternityStages[reached + 1] ?? null,
    amountFen: c.amountFen,
    days: c.days,
    rule: c.rule,
    paidTo: c.paidTo ? { kind: c.paidTo.kind, maskedAccount: c.paidTo.maskedAccount } : null,
  };
}

export const filingView = (f: Filing) => ({
  id: f._id.toHexString(),
  destination: f.destination,
  kind: f.kind,
  validFrom: f.validFrom,
  validTo: f.validTo,
  status: f.cancelledAt ? ('cancelled' as const) : ('active' as const),
  filedAt: f.filedAt.toISOString(),
  cancelledAt: f.cancelledAt?.toISOString() ?? null,
});

export const familyLinkView = (
  link: FamilyLink,
  role: 'owner' | 'relative',
  other: SubjectRecord,
  owner: SubjectRecord,
) => ({
  id: link._id.toHexString(),
  role,
  relation: link.relation,
  status: link.status,
  otherMaskedName: other.maskedName,
  otherMaskedIdNumber: other.maskedIdNumber,
  sharedAccount: { insuranceType: owner.insuranceType, status: owner.status },
  requestedAt: link.requestedAt.toISOString(),
  confirmedAt: link.confirmedAt?.toISOString() ?? null,
});
