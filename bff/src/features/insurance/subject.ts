import type { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { accountIdOf } from '../../platform/ids';
import { writeAudit, type AuditSource } from '../../platform/personal-data/audit';
import { boundIdentityOf, type BoundIdentity } from '../../platform/personal-data/bound-identity';
import { InsuredPersons, type InsuredPerson } from '../../platform/personal-data/insured-person.model';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';

type Present<T> = { [K in keyof T]: NonNullable<T[K]> };

/** A registry person whose insurance record has been imported. */
export type InsuredRecord = Present<InsuredPerson>;

/** A record as the caller's own is read: everything but the name's ciphertext, which nothing
 * shown to them needs. */
export type SubjectRecord = Omit<InsuredRecord, 'nameCipher'>;

/** The caller as the owner of insurance data: their bound identity and their record. */
export interface Subject {
  readonly identity: BoundIdentity;
  readonly person: SubjectRecord;
  readonly personId: Types.ObjectId;
}

const RECORD_FIELDS = [
  'idNumberCipher',
  'maskedName',
  'maskedIdNumber',
  'insuranceType',
  'status',
  'region',
  'since',
] as const satisfies readonly (keyof InsuredPerson)[];

const RECORD_PROJECTION = Object.fromEntries([['lookupKey', 1], ...RECORD_FIELDS.map((field) => [field, 1])]);

export const isInsuredRecord = <P extends Omit<InsuredPerson, 'nameCipher'>>(person: P): person is P & SubjectRecord =>
  RECORD_FIELDS.every((field) => person[field] !== null && person[field] !== undefined);

/** Authorises every resident operation: the caller's own identity, found by the lookup key the
 * account stores. There is no way to name another person, so nobody else's record is reachable. */
export async function requireSubject(deps: Deps, user: SessionUser): Promise<Subject> {
  const identity = await boundIdentityOf(deps.connection, accountIdOf(user));
  if (!identity) throw problem('IDENTITY_NOT_BOUND');
  // Only the record's fields (not the name's ciphertext), on the driver: every resident read
  // starts here.
  const person = await InsuredPersons(deps.connection).collection.findOne<Omit<InsuredPerson, 'nameCipher'>>(
    { lookupKey: identity.lookupKey },
    { projection: RECORD_PROJECTION },
  );
  if (!person || !isInsuredRecord(person)) throw problem('NOT_INSURED');
  return { identity, person, personId: person._id };
}

/** Every read of someone's insurance data leaves an entry they can see in their access log. */
export async function auditRead(deps: Deps, subject: Subject, action: string, source: AuditSource): Promise<void> {
  await writeAudit(
    deps.connection,
    {
      actor: subject.identity.accountId,
      subjectAccount: subject.identity.accountId,
      subjectLookupKey: subject.identity.lookupKey,
      subjectMaskedId: subject.identity.maskedIdNumber,
      action,
    },
    source,
    deps.clock.now(),
  );
}

/** Authorises and audits in one step, for the plain reads. */
export async function readAs(deps: Deps, user: SessionUser, action: string, source: AuditSource): Promise<Subject> {
  const subject = await requireSubject(deps, user);
  await auditRead(deps, subject, action, source);
  return subject;
}
