import { FILING_MAX_DAYS } from '@warmcity/shared/api/insurance';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../platform/database';
import type { Deps } from '../../platform/deps';
import { oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import type { AuditSource } from '../../platform/personal-data/audit';
import { problem } from '../../platform/problem';
import type { SessionUser } from '../../platform/session';
import type { api } from '@warmcity/shared';
import { chinaDate, daysBetween } from './china-time';
import { RemoteCareFilings, type Filing } from './remote-care.model';
import { auditRead, readAs, requireSubject } from './subject';
import { filingView } from './views';

type FilingBody = Body<(typeof api)['insurance']['applyFiling']>;

export async function listFilings(deps: Deps, user: SessionUser, source: AuditSource) {
  const subject = await readAs(deps, user, 'insurance.filings.read', source);
  return { items: await filingsOf(deps, subject.personId) };
}

export async function filingsOf(deps: Deps, personId: Types.ObjectId) {
  const record = await RemoteCareFilings(deps.connection).findOne({ personId }).lean();
  const filings = [...(record?.filings ?? [])].sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime());
  return filings.map(filingView);
}

/**
 * Files for treatment elsewhere. The overlap rule is the condition of one update on the person's
 * single remote-care document: it pushes only while no active filing shares a day with the new
 * one. When that condition fails the upsert tries to insert a second document for the person and
 * the unique `personId` index refuses it, so concurrent applications cannot both pass.
 */
export async function applyFiling(deps: Deps, user: SessionUser, body: FilingBody, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  const now = deps.clock.now();
  if (body.validFrom < chinaDate(now) || body.validTo < body.validFrom) throw problem('FILING_DATES_INVALID');
  if (daysBetween(body.validFrom, body.validTo) + 1 > FILING_MAX_DAYS[body.kind]) {
    throw problem('FILING_TOO_LONG', `A ${body.kind} filing runs at most ${FILING_MAX_DAYS[body.kind]} days.`);
  }
  const filing: Filing = {
    _id: new Types.ObjectId(),
    ...body,
    filedAt: now,
    cancelledAt: null,
  };
  try {
    await RemoteCareFilings(deps.connection).updateOne(
      {
        personId: subject.personId,
        filings: {
          $not: {
            $elemMatch: { cancelledAt: null, validFrom: { $lte: body.validTo }, validTo: { $gte: body.validFrom } },
          },
        },
      },
      { $push: { filings: filing } },
      { upsert: true },
    );
  } catch (error) {
    if (isDuplicateKey(error)) throw problem('FILING_OVERLAPS');
    throw error;
  }
  await auditRead(deps, subject, 'insurance.filings.apply', source);
  return filingView(filing);
}

export async function cancelFiling(deps: Deps, user: SessionUser, filingId: string, source: AuditSource) {
  const subject = await requireSubject(deps, user);
  const id = oid(filingId);
  const filings = RemoteCareFilings(deps.connection);
  await filings.updateOne(
    { personId: subject.personId, filings: { $elemMatch: { _id: id, cancelledAt: null } } },
    { $set: { 'filings.$.cancelledAt': deps.clock.now() } },
  );
  // Cancelling twice answers the cancelled filing; someone else's id is as missing as a made-up one.
  const record = await filings.findOne({ personId: subject.personId, 'filings._id': id }).lean();
  const filing = record?.filings.find((f) => f._id.equals(id));
  if (!filing) throw problem('NOT_FOUND');
  await auditRead(deps, subject, 'insurance.filings.cancel', source);
  return filingView(filing);
}
