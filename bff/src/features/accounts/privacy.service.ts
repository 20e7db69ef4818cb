import { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { forgetRecipient } from '../../platform/notifications/notify';
import { AuditLog, writeAudit, type AuditSource } from '../../platform/personal-data/audit';
import type { SessionUser } from '../../platform/session';
import { Accounts } from './account.model';
import { collectFeatureData, runDeletionHooks } from './lifecycle';
import { loadOwnAccount } from './own-account';
import { Sessions } from './session.model';
import { accountView } from './views';

const AUDIT_TRAIL_LENGTH = 100;

type OwnAccount = Awaited<ReturnType<typeof loadOwnAccount>>;

/** The person acting on their own data: actor and subject are the same account. */
function auditSelf(deps: Deps, account: OwnAccount, action: string, source: AuditSource, at: Date) {
  return writeAudit(
    deps.connection,
    {
      actor: account._id,
      subjectAccount: account._id,
      subjectLookupKey: account.identity?.lookupKey ?? null,
      subjectMaskedId: account.identity?.maskedIdNumber ?? null,
      action,
    },
    source,
    at,
  );
}

export async function me(deps: Deps, user: SessionUser) {
  return accountView(await loadOwnAccount(deps, user));
}

/** 隐私 → 我的数据: the account, its sessions, who touched my sensitive data, and what other
 * features hold; masked throughout. The read itself is audited. */
export async function myData(
  deps: Deps,
  user: SessionUser,
  source: AuditSource,
  action: 'personal-data.read' | 'personal-data.export',
) {
  const account = await loadOwnAccount(deps, user);
  const [sessions, trail, features] = await Promise.all([
    Sessions(deps.connection).find({ account: account._id, revokedAt: null }).sort({ createdAt: -1 }).limit(50).lean(),
    AuditLog(deps.connection).find({ subjectAccount: account._id }).sort({ _id: -1 }).limit(AUDIT_TRAIL_LENGTH).lean(),
    collectFeatureData(user.id, deps),
  ]);
  await auditSelf(deps, account, action, source, deps.clock.now());
  return {
    account: accountView(account),
    sessions: sessions.map((s) => ({
      provider: s.provider,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
    })),
    auditTrail: trail.map((entry) => ({
      action: entry.action,
      route: entry.route,
      at: entry.at.toISOString(),
      byMe: entry.actor?.equals(account._id) ?? false,
    })),
    features,
  };
}

/**
 * Other features cancel what is active first (a failure stops here, nothing erased, retry
 * finishes it); then every session ends and the personal fields are erased. The account
 * document stays as an empty shell so audit entries still point somewhere; they keep the
 * masked ID and lookup key they were written with.
 */
export async function deleteMe(deps: Deps, user: SessionUser, source: AuditSource) {
  const account = await loadOwnAccount(deps, user);
  await runDeletionHooks(user.id, deps);
  await forgetRecipient(deps, new Types.ObjectId(user.id));
  const now = deps.clock.now();
  await Sessions(deps.connection).updateMany({ account: account._id, revokedAt: null }, { $set: { revokedAt: now } });
  await Accounts(deps.connection).updateOne(
    { _id: account._id },
    {
      $set: {
        providerSubject: null,
        unionId: null,
        identity: null,
        devLabel: null,
        roles: [],
        staffScopes: [],
        deletedAt: now,
      },
    },
  );
  await auditSelf(deps, account, 'account.delete', source, now);
  return { ok: true as const };
}
