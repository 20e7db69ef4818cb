import { isDuplicateKey } from '../../platform/database';
import { rememberRecipient } from '../../platform/notifications/notify';
import type { Deps } from '../../platform/deps';
import { problem } from '../../platform/problem';
import { consumeRateLimit } from '../../platform/rate-limit';
import { Accounts } from './account.model';
import { devProviderEnabled, exchangeCode, type Provider } from './platform-login/providers';
import { limits } from './rate-limits';
import { Sessions } from './session.model';
import { hashRefreshToken, newRefreshToken, REFRESH_IDLE_MS, sessionTokens, startSession } from './tokens';

// Enough rotated hashes to catch a stolen token replayed within days of active use.
const REMEMBERED_ROTATIONS = 500;

/** Finds or creates the account for a platform identity; the unique index settles a race
 * between two first sign-ins of the same person. */
async function accountFor(deps: Deps, provider: Provider, subject: string, unionId: string | null) {
  const accounts = Accounts(deps.connection);
  const filter = { provider, providerSubject: subject };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const account = await accounts.findOneAndUpdate(
        filter,
        {
          $setOnInsert: {
            roles: ['resident'],
            staffScopes: [],
            identity: null,
            devLabel: null,
            createdAt: deps.clock.now(),
            deletedAt: null,
          },
          ...(unionId ? { $set: { unionId } } : {}),
        },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      if (account) return account;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error('account upsert did not settle');
}

export async function signIn(deps: Deps, body: { provider: Provider; code: string }, ip: string) {
  await consumeRateLimit(deps.connection, limits.signInPerIp, ip, deps.clock.now());
  const identity = await exchangeCode(deps.config, body.provider, body.code, deps.clock.now());
  const account = await accountFor(deps, body.provider, identity.subject, identity.unionId);
  await rememberRecipient(deps, account._id, body.provider, identity.subject);
  return startSession(deps, account, body.provider);
}

/**
 * Trades a refresh token for a new pair. The swap is one conditional update on the current hash,
 * so of two concurrent refreshes with one token only one succeeds. A token that was already
 * rotated away is evidence of theft (or of a copy): the whole family is revoked.
 */
export async function refresh(deps: Deps, refreshToken: string, ip: string) {
  const now = deps.clock.now();
  await consumeRateLimit(deps.connection, limits.refreshPerIp, ip, now);
  const sessions = Sessions(deps.connection);
  const hash = hashRefreshToken(refreshToken);
  // The per-account limit is checked before rotating: a refused refresh must leave the token
  // usable, or the client's next try would look like reuse and end the session.
  const owner = await sessions.findOne({ currentHash: hash }, { account: 1 }).lean();
  if (owner) await consumeRateLimit(deps.connection, limits.refreshPerAccount, owner.account.toHexString(), now);

  const next = newRefreshToken();
  const session = await sessions.findOneAndUpdate(
    { currentHash: hash, revokedAt: null, expiresAt: { $gt: now } },
    {
      $set: {
        currentHash: hashRefreshToken(next),
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + REFRESH_IDLE_MS),
      },
      $push: { previousHashes: { $each: [hash], $slice: -REMEMBERED_ROTATIONS } },
    },
    { returnDocument: 'after', lean: true },
  );
  if (!session) {
    const reused = await sessions.findOneAndUpdate(
      { previousHashes: hash, revokedAt: null },
      { $set: { revokedAt: now } },
    );
    if (reused)
      deps.logger.warn({ sessionId: reused._id.toHexString() }, 'rotated refresh token reused; session revoked');
    throw problem('REFRESH_TOKEN_INVALID');
  }
  const account = await Accounts(deps.connection).findOne({ _id: session.account, deletedAt: null }).lean();
  if (!account) {
    await sessions.updateOne({ _id: session._id }, { $set: { revokedAt: now } });
    throw problem('REFRESH_TOKEN_INVALID');
  }
  return sessionTokens(deps, account, next);
}

/** Ends the family the token belongs to, rotated-away tokens included. Always "ok": whether the
 * token meant anything is not the caller's business. */
export async function signOut(deps: Deps, refreshToken: string) {
  const hash = hashRefreshToken(refreshToken);
  await Sessions(deps.connection).updateOne(
    { $or: [{ currentHash: hash }, { previousHashes: hash }], revokedAt: null },
    { $set: { revokedAt: deps.clock.now() } },
  );
  return { ok: true as const };
}

/** The demo accounts the seed created, for the H5 picker. Production answers 404, as if the
 * route did not exist. */
export async function devAccounts(deps: Deps) {
  if (!devProviderEnabled(deps.config)) throw problem('NOT_FOUND');
  const accounts = await Accounts(deps.connection)
    .find({ provider: 'dev', devLabel: { $type: 'string' }, deletedAt: null })
    .sort({ _id: 1 })
    .limit(20)
    .lean();
  return {
    items: accounts.map((account) => ({
      code: account.providerSubject ?? '',
      label: account.devLabel ?? '',
      roles: account.roles,
    })),
  };
}
