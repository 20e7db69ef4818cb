import type { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import type { AuditSource } from '../../platform/personal-data/audit';
import type { SessionUser } from '../../platform/session';
import { chinaDate, daysBetween } from './china-time';
import { MaternityCases } from './maternity-case.model';
import { readAs } from './subject';
import { maternityCaseView } from './views';

/** 生育登记 is made before the birth; a case opened afterwards still pays, but only when the
 * registration is made within this many days of it. */
const LATE_REGISTRATION_DAYS = 90;

function registrationAdvice(expectedBirth: string, today: string): string {
  const left = daysBetween(today, expectedBirth);
  const how =
    '请通过浙里办“生育登记”或到参保地医保服务大厅办理生育登记，登记后出院结算时津贴将自动核发（无感办），无需另行申请。';
  if (left >= 0) return `您尚未办理生育登记，预产期还有 ${left} 天。${how}`;
  const lateLeft = LATE_REGISTRATION_DAYS + left;
  if (lateLeft >= 0) return `您尚未办理生育登记，距补办截止还有 ${lateLeft} 天。${how}`;
  return `您尚未办理生育登记，已超过分娩后 ${LATE_REGISTRATION_DAYS} 天的补办期限，请携身份证和出生医学证明到医保服务大厅咨询。`;
}

export async function casesOf(deps: Deps, personId: Types.ObjectId) {
  const cases = await MaternityCases(deps.connection).find({ personId }).sort({ _id: -1 }).lean();
  return cases.map(maternityCaseView);
}

export async function getMaternity(
  deps: Deps,
  user: SessionUser,
  expectedBirth: string | undefined,
  source: AuditSource,
) {
  const subject = await readAs(deps, user, 'insurance.maternity.read', source);
  const items = await casesOf(deps, subject.personId);
  // A case not yet paid is the registration for the coming birth.
  const open = items.some((c) => c.nextStage !== null);
  return {
    items,
    registrationAdvice: expectedBirth && !open ? registrationAdvice(expectedBirth, chinaDate(deps.clock.now())) : null,
  };
}
