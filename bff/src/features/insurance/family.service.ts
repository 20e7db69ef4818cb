import type { api } from '@warmcity/shared';
import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../platform/database';
import { notify } from '../../platform/notifications/notify';
import { accountsBoundTo } from '../../platform/personal-data/bound-identity';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import type { AuditSource } from '../../platform/personal-data/audit';
import { InsuredPersons, REGISTRY_NAME_CONTEXT } from '../../platform/personal-data/insured-person.model';
import { dataProtection } from '../../platform/personal-data/protection';
import { problem } from '../../platform/problem';
import { consumeRateLimit, type RateLimit } from '../../platform/rate-limit';
import type { SessionUser } from '../../platform/session';
import { FamilyLinks, type FamilyLink } from './family-link.model';
import { auditRead, isInsuredRecord, readAs, requireSubject, type InsuredRecord, type Subject } from './subject';
import { familyLinkView } from './views';

type AskBody = Body<(typeof api)['insurance']['askFamily']>;

// Asking names a person by ID number and name, which is a guess at the registry like binding is.
const askLimit: RateLimit = { name: 'insurance-family-ask:account', limit: 10, windowSeconds: 3600 };

// What the relative is to the asker, as the relative reads it in the request.
const relationNames: Record<AskBody['relation'], string> = { spouse: '配偶', child: '子女', parent: '父母' };

const sameName = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();

async function personsById(deps: Deps, ids: Types.ObjectId[]): Promise<Map<string, InsuredRecord>> {
  const persons = await InsuredPersons(deps.connection)
    .find({ _id: { $in: ids } })
    .lean();
  return new Map(persons.filter(isInsuredRecord).map((p) => [p._id.toHexString(), p]));
}

/** A link as one side sees it: the other person masked, and the owner's account type and status,
 * which is all a relative learns of the account (never contributions or maternity). */
async function viewsFor(deps: Deps, subject: Subject, links: FamilyLink[]) {
  const persons = await personsById(
    deps,
    links.flatMap((l) => [l.ownerPersonId, l.relativePersonId]),
  );
  return links.flatMap((link) => {
    const role = link.ownerPersonId.equals(subject.personId) ? ('owner' as const) : ('relative' as const);
    const other = persons.get((role === 'owner' ? link.relativePersonId : link.ownerPersonId).toHexString());
    const owner = persons.get(link.ownerPersonId.toHexString());
    return other && owner ? [familyLinkView(link, role, other, owner)] : [];
  });
}

const mine = (subject: Subject) => ({
  $or: [{ ownerPersonId: subject.personId }, { relativePersonId: subject.personId }],
});

export async function listFamily(deps: Deps, user: SessionUser, source: AuditSource) {
  const subject = await readAs(deps, user, 'insurance.family.read', source);
  const links = await FamilyLinks(deps.connection).find(mine(subject)).sort({ _id: 1 }).lean();
  return { items: await viewsFor(deps, subject, links) };
}

export async function askFamily(deps: Deps, user: SessionUser, body: AskBody, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  const now = deps.clock.now();
  const idNumber = normaliseIdNumber(body.idNumber);
  if (checkIdNumber(idNumber)) throw problem('INVALID_ID_NUMBER');
  await consumeRateLimit(deps.connection, askLimit, user.id, now);

  const protection = dataProtection(deps.config);
  const relative = await InsuredPersons(deps.connection)
    .findOne({ lookupKey: { $in: protection.lookupKeys(idNumber) } })
    .lean();
  // Not insured and wrong name answer alike, so asking cannot probe who is in the registry.
  if (
    !relative ||
    !isInsuredRecord(relative) ||
    !sameName(protection.decrypt(relative.nameCipher, REGISTRY_NAME_CONTEXT), body.name)
  ) {
    throw problem('RELATIVE_NOT_FOUND');
  }
  if (relative._id.equals(subject.personId)) throw problem('FAMILY_SELF');
  const linkId = new Types.ObjectId();
  // Told first and held until the link exists: a request that dies before creating it, or a
  // duplicate refused by the unique index, leaves a notice that is voided, never shown.
  const relativeAccount = (await accountsBoundTo(deps.connection, [relative.lookupKey])).get(relative.lookupKey);
  if (relativeAccount) {
    await notify(
      deps,
      relativeAccount,
      'family_request',
      {
        title: '家庭共济绑定申请',
        body: `${subject.person.maskedName} 申请将您（其${relationNames[body.relation]}）绑定到本人的家庭共济账户，请在“家庭共济”中确认或拒绝。`,
        link: '/insurance/pages/family/index',
        values: { relation: relationNames[body.relation] },
      },
      {
        dedupeKey: `ins:family:${linkId.toHexString()}`,
        guard: { model: FamilyLinks(deps.connection), filter: { _id: linkId } },
      },
    );
  }
  let link: FamilyLink;
  try {
    link = (
      await FamilyLinks(deps.connection).create({
        _id: linkId,
        ownerPersonId: subject.personId,
        relativePersonId: relative._id,
        relation: body.relation,
        status: 'pending',
        requestedAt: now,
        confirmedAt: null,
      })
    ).toObject();
  } catch (error) {
    if (isDuplicateKey(error)) throw problem('FAMILY_LINK_EXISTS');
    throw error;
  }
  await auditRead(deps, subject, 'insurance.family.ask', source);
  return familyLinkView(link, 'owner', relative, subject.person);
}

export async function confirmFamily(deps: Deps, user: SessionUser, linkId: string, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  const id = oid(linkId);
  const links = FamilyLinks(deps.connection);
  // Only the relative confirms; the owner confirming their own request finds nothing.
  await links.updateOne(
    { _id: id, relativePersonId: subject.personId, status: 'pending' },
    { $set: { status: 'bound', confirmedAt: deps.clock.now() } },
  );
  const link = await links.findOne({ _id: id, relativePersonId: subject.personId }).lean();
  if (!link) throw problem('NOT_FOUND');
  await auditRead(deps, subject, 'insurance.family.confirm', source);
  const [view] = await viewsFor(deps, subject, [link]);
  if (!view) throw problem('NOT_FOUND');
  return view;
}

export async function unbindFamily(deps: Deps, user: SessionUser, linkId: string, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  const { deletedCount } = await FamilyLinks(deps.connection).deleteOne({ _id: oid(linkId), ...mine(subject) });
  if (deletedCount === 0) throw problem('NOT_FOUND');
  await auditRead(deps, subject, 'insurance.family.unbind', source);
  return { ok: true as const };
}
