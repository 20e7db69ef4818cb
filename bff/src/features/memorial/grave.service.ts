import type { QueryFilter } from 'mongoose';
import type { memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import { accountIdOf } from '../../platform/ids';
import type { Query } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { consumeRateLimit, type RateLimit } from '../../platform/rate-limit';
import type { SessionUser } from '../../platform/session';
import { Memorials, type Memorial } from './memorial.model';
import { Relatives } from './relative.model';
import { memorialSummaries } from './views';

type Api = typeof memorialApi;

/** Certificate numbers are often sequential (SH-2019-0312): the limit keeps anyone from walking
 * them to map where families' graves are. */
const CERTIFICATE_LOOKUP_LIMIT: RateLimit = { name: 'memorial-grave-certificate', limit: 10, windowSeconds: 3600 };
const GRAVES = 20;

/** Which approved memorials a name lookup may reach: public ones for anyone; with the death
 * date, also those the caller owns or was invited to (a revoked relative no longer is). */
async function reachable(deps: Deps, user: SessionUser | null, withDate: boolean): Promise<QueryFilter<Memorial>[]> {
  const anyone: QueryFilter<Memorial> = { visibility: 'public' };
  if (!user || !withDate) return [anyone];
  const me = accountIdOf(user);
  const joined = await Relatives(deps.connection).find({ accountId: me }, { memorialId: 1 }).lean();
  return [anyone, { ownerId: me }, { _id: { $in: joined.map((relative) => relative.memorialId) } }];
}

export async function findGraves(deps: Deps, user: SessionUser | null, query: Query<Api['findGraves']>) {
  let filter: QueryFilter<Memorial>;
  if (query.certificateNumber !== undefined) {
    if (!user) throw problem('UNAUTHENTICATED');
    await consumeRateLimit(deps.connection, CERTIFICATE_LOOKUP_LIMIT, user.id, deps.clock.now());
    filter = { certificateNumber: query.certificateNumber, status: 'approved' };
  } else {
    const withDate = query.deathDate !== undefined;
    filter = {
      name: query.name,
      status: 'approved',
      ...(withDate ? { deathDate: query.deathDate } : {}),
      $or: await reachable(deps, user, withDate),
    };
  }
  const found = await Memorials(deps.connection).find(filter).sort({ createdAt: -1, _id: -1 }).limit(GRAVES).lean();
  const summaries = await memorialSummaries(deps.connection, found);
  return { items: summaries.map((summary, index) => ({ ...summary, plot: found[index]!.plot })) };
}
