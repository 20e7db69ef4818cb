import { Types } from 'mongoose';
import type { DeathNoticeState, memorialNoticesApi } from '@warmcity/shared/api/memorial-notices';
import { EARLIEST_DEATH_DATE } from '@warmcity/shared/memorial/notice-limits';
import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import { isDuplicateKey } from '../../platform/database';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { notify } from '../../platform/notifications/notify';
import { writeAudit, type AuditSource } from '../../platform/personal-data/audit';
import { dataProtection } from '../../platform/personal-data/protection';
import { problem } from '../../platform/problem';
import { consumeRateLimit, type RateLimit } from '../../platform/rate-limit';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Cemeteries } from './cemetery.model';
import { DeathNotices, type DeathNotice } from './death-notice.model';
import { PHONE_CONTEXT, sealNotice } from './death-notice.seal';
import { deathNoticeViewOf } from './death-notice.views';

type Api = typeof memorialNoticesApi;

/** A family reports one death, perhaps a second by mistake; more than this an hour is a script. */
export const REPORT_LIMIT: RateLimit = { name: 'death-notice:account', limit: 5, windowSeconds: 3600 };
const MY_NOTICES = 50;
const AGENCY_NOTICES = 200;
// Dates are the family's calendar days, in China time (UTC+8, no daylight saving).
const CHINA_OFFSET = 8 * 3_600_000;
const chinaToday = (at: Date) => new Date(at.getTime() + CHINA_OFFSET).toISOString().slice(0, 10);
/** `YYYY-MM-DD` of the birth date a valid ID number carries. */
const birthDateOf = (idNumber: string) =>
  `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

/** Everything that can refuse is checked before the rate limit counts and before the insert. */
export async function reportDeath(deps: Deps, user: SessionUser, body: Body<Api['reportDeath']>) {
  const reportedBy = accountIdOf(user);
  const idNumber = normaliseIdNumber(body.idNumber);
  if (checkIdNumber(idNumber)) throw problem('INVALID_ID_NUMBER');
  const now = deps.clock.now();
  if (
    body.deathDate < EARLIEST_DEATH_DATE ||
    body.deathDate > chinaToday(now) ||
    body.deathDate < birthDateOf(idNumber)
  )
    throw problem('DEATH_DATE_OUT_OF_RANGE');
  const cemetery = await Cemeteries(deps.connection).findById(oid(body.cemeteryId)).lean();
  if (!cemetery) throw problem('NOT_FOUND');
  await consumeRateLimit(deps.connection, REPORT_LIMIT, user.id, now);

  const protection = dataProtection(deps.config);
  try {
    const notice = await DeathNotices(deps.connection).create(
      sealNotice(protection, { ...body, cemetery, reportedBy, idNumber, note: body.note ?? '' }, now),
    );
    return deathNoticeViewOf(notice.toObject<DeathNotice>());
  } catch (error) {
    if (isDuplicateKey(error)) throw problem('DEATH_NOTICE_DUPLICATE');
    throw error;
  }
}

async function myNotice(deps: Deps, user: SessionUser, id: string) {
  const notice = await DeathNotices(deps.connection)
    .findOne({ _id: oid(id), reportedBy: accountIdOf(user) })
    .lean<DeathNotice>();
  if (!notice) throw problem('NOT_FOUND');
  return notice;
}

export async function listMyDeathNotices(deps: Deps, user: SessionUser) {
  const notices = await DeathNotices(deps.connection)
    .find({ reportedBy: accountIdOf(user) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(MY_NOTICES)
    .lean<DeathNotice[]>();
  return { items: notices.map((notice) => deathNoticeViewOf(notice)) };
}

export async function getMyDeathNotice(deps: Deps, user: SessionUser, id: string) {
  return deathNoticeViewOf(await myNotice(deps, user, id));
}

/**
 * One audit row per notice an agency member saw or changed: who, when, whose (the reporter's
 * account, the deceased's lookup key and masked ID) and, in the purpose, which notice.
 */
async function audit(deps: Deps, user: SessionUser, notices: DeathNotice[], action: string, source: AuditSource) {
  const at = deps.clock.now();
  await Promise.all(
    notices.map((notice) =>
      writeAudit(
        deps.connection,
        {
          actor: accountIdOf(user),
          subjectAccount: notice.reportedBy,
          subjectLookupKey: notice.idLookupKey || null,
          subjectMaskedId: notice.maskedIdNumber,
          action: `memorial.death-notice.${action}`,
          purpose: { code: 'death-notice', note: notice._id.toHexString() },
        },
        source,
        at,
      ),
    ),
  );
}

/** Anyone without the cemetery's agency scope, its other staff included, gets a missing one's 404. */
async function agencyNotice(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  const notice = await DeathNotices(deps.connection).findById(oid(id)).lean<DeathNotice>();
  if (!notice) throw problem('NOT_FOUND');
  requireScope(user, 'agency', notice.cemeteryId);
  return notice;
}

export async function agencyListDeathNotices(
  deps: Deps,
  user: SessionUser,
  cemeteryId: string,
  state: DeathNoticeState,
  source: AuditSource,
) {
  requireStaff(user);
  requireScope(user, 'agency', cemeteryId);
  const notices = await DeathNotices(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), state })
    .sort({ createdAt: 1, _id: 1 })
    .limit(AGENCY_NOTICES)
    .lean<DeathNotice[]>();
  await audit(deps, user, notices, 'list', source);
  return { items: notices.map((notice) => deathNoticeViewOf(notice)) };
}

/** The one view with the phone in full; the first one marks the notice seen for the family. */
export async function agencyGetDeathNotice(deps: Deps, user: SessionUser, id: string, source: AuditSource) {
  const found = await agencyNotice(deps, user, id);
  await audit(deps, user, [found], 'read', source);
  const notice =
    found.seenAt === null
      ? ((await DeathNotices(deps.connection)
          .findOneAndUpdate(
            { _id: found._id, seenAt: null },
            { $set: { seenAt: deps.clock.now() } },
            { returnDocument: 'after' },
          )
          .lean<DeathNotice>()) ?? (await DeathNotices(deps.connection).findById(found._id).lean<DeathNotice>())!)
      : found;
  const phone = notice.phoneCipher ? dataProtection(deps.config).decrypt(notice.phoneCipher, PHONE_CONTEXT) : '';
  return deathNoticeViewOf(notice, phone);
}

const TITLES: Partial<Record<DeathNoticeState, string>> = {
  accepted: '代办员已受理您的报丧',
  in_progress: '报丧办理有新进展',
  done: '报丧事项已办结',
  cancelled: '代办员关闭了您的报丧',
};

/**
 * One conditioned update on the states it leaves, so of two racing moves one wins and the other
 * is told the notice moved on. The family's notification is written first, guarded by the step
 * the move pushes, so a notification stands exactly when its step does.
 */
async function move(
  deps: Deps,
  notice: DeathNotice,
  from: readonly DeathNoticeState[],
  to: DeathNoticeState,
  note: string,
  by: 'reporter' | 'agency',
) {
  if (!from.includes(notice.state)) throw problem('DEATH_NOTICE_STATE');
  const notices = DeathNotices(deps.connection);
  const stepId = new Types.ObjectId();
  const title = TITLES[to];
  if (by === 'agency' && title) {
    await notify(
      deps,
      notice.reportedBy,
      'memorial_notice_update',
      {
        title,
        body: `${notice.deceasedName} · ${notice.cemeteryName}${note ? ` · ${note}` : ''}`,
        link: `/memorial/pages/notice/index?id=${notice._id.toHexString()}`,
        values: { name: notice.deceasedName, cemetery: notice.cemeteryName },
      },
      {
        dedupeKey: `memorial:notice:${notice._id.toHexString()}:${stepId.toHexString()}`,
        guard: { model: notices, filter: { _id: notice._id, 'timeline._id': stepId } },
      },
    );
  }
  const moved = await notices
    .findOneAndUpdate(
      { _id: notice._id, state: { $in: from } },
      { $set: { state: to }, $push: { timeline: { _id: stepId, state: to, at: deps.clock.now(), note, by } } },
      { returnDocument: 'after' },
    )
    .lean<DeathNotice>();
  if (!moved) throw problem('DEATH_NOTICE_STATE');
  return moved;
}

export async function withdrawMyDeathNotice(deps: Deps, user: SessionUser, id: string) {
  return deathNoticeViewOf(
    await move(deps, await myNotice(deps, user, id), ['submitted'], 'cancelled', '', 'reporter'),
  );
}

const AGENCY_MOVES = {
  accept: { from: ['submitted'], to: 'accepted' },
  progress: { from: ['accepted', 'in_progress'], to: 'in_progress' },
  complete: { from: ['accepted', 'in_progress'], to: 'done' },
  cancel: { from: ['submitted', 'accepted', 'in_progress'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly DeathNoticeState[]; to: DeathNoticeState }>;

export async function agencyMoveDeathNotice(
  deps: Deps,
  user: SessionUser,
  id: string,
  action: keyof typeof AGENCY_MOVES,
  note: string | undefined,
  source: AuditSource,
) {
  const notice = await agencyNotice(deps, user, id);
  const { from, to } = AGENCY_MOVES[action];
  const moved = await move(deps, notice, from, to, note ?? '', 'agency');
  await audit(deps, user, [moved], action, source);
  return deathNoticeViewOf(moved);
}
