import type { memorialApi } from '@warmcity/shared/api/memorial';
import { Types, type QueryFilter } from 'mongoose';
import { isDuplicateKey } from '../../platform/database';
import type { Deps } from '../../platform/deps';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Body, Query } from '../../platform/implement';
import { accountIdOf, oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { openMemorial } from './access';
import { decide } from './review';
import { Cemeteries } from './cemetery.model';
import { randomCode } from './codes';
import { Memorials, type Memorial } from './memorial.model';
import { literalPattern, nameGrams, queryGrams } from './name-grams';
import { Relatives } from './relative.model';
import { memorialSummaries, memorialView, memorialViews } from './views';

type Api = typeof memorialApi;

export async function listCemeteries(deps: Deps) {
  const cemeteries = await Cemeteries(deps.connection).find().sort({ name: 1 }).lean();
  return {
    items: cemeteries.map((cemetery) => ({
      id: cemetery._id.toHexString(),
      name: cemetery.name,
      address: cemetery.address,
    })),
  };
}

/** Only approved public memorials are ever listed; `link` and `family` ones never are. */
export async function searchMemorials(deps: Deps, query: Query<Api['searchMemorials']>) {
  const filter: QueryFilter<Memorial> = {
    visibility: 'public',
    status: 'approved',
    ...(query.cemeteryId ? { cemeteryId: oid(query.cemeteryId) } : {}),
    ...(query.q ? { nameGrams: { $all: queryGrams(query.q) }, name: { $regex: literalPattern(query.q) } } : {}),
    ...afterCursor(query.cursor, 'createdAt', -1),
  };
  const found = await Memorials(deps.connection)
    .find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean();
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: await memorialSummaries(deps.connection, items),
    nextCursor: found.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
  };
}

export async function getMemorial(deps: Deps, user: SessionUser | null, ref: { id: string } | { code: string }) {
  const { memorial, viewer } = await openMemorial(deps.connection, user, ref);
  return memorialView(deps.connection, memorial, viewer === 'owner');
}

export async function createMemorial(deps: Deps, user: SessionUser, body: Body<Api['createMemorial']>) {
  const ownerId = accountIdOf(user);
  const cemeteryId = oid(body.cemeteryId);
  if (!(await Cemeteries(deps.connection).exists({ _id: cemeteryId }))) throw problem('NOT_FOUND');
  const memorial: Memorial = {
    _id: new Types.ObjectId(),
    cemeteryId,
    ownerId,
    code: randomCode(),
    status: 'pending',
    visibility: body.visibility,
    name: body.name,
    nameGrams: nameGrams(body.name),
    birthDate: body.birthDate,
    deathDate: body.deathDate,
    portraitUrl: body.portraitUrl ?? null,
    biography: body.biography ?? '',
    plot: body.plot,
    relation: body.relation,
    certificateNumber: body.certificateNumber,
    createdAt: deps.clock.now(),
  };
  // About 50 random bits: a clash is a once-in-forever event, answered by drawing again.
  for (;;) {
    try {
      await Memorials(deps.connection).create(memorial);
      return memorialView(deps.connection, memorial, true);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      memorial.code = randomCode();
    }
  }
}

export async function listMyMemorials(deps: Deps, user: SessionUser) {
  const me = accountIdOf(user);
  const joined = await Relatives(deps.connection).find({ accountId: me }, { memorialId: 1 }).lean();
  const memorials = await Memorials(deps.connection)
    .find({
      $or: [
        { ownerId: me },
        {
          _id: { $in: joined.map((relative) => relative.memorialId) },
          status: 'approved',
          visibility: { $ne: 'public' },
        },
      ],
    })
    .sort({ createdAt: -1 })
    .limit(100)
    .lean();
  return { items: await memorialViews(deps.connection, memorials, (memorial) => !!memorial.ownerId?.equals(me)) };
}

/** Staff of the memorial's cemetery only; anyone else gets the 404 a missing memorial gets. A
 * decision is final, as a message's is: a second review is refused, not answered with the state. */
export async function reviewMemorial(deps: Deps, user: SessionUser, id: string, body: Body<Api['reviewMemorial']>) {
  const reviewed = await decide(
    Memorials(deps.connection),
    user,
    { _id: oid(id) },
    {
      from: 'pending',
      to: body.decision === 'approve' ? 'approved' : 'rejected',
      refused: 'MEMORIAL_NOT_PENDING',
    },
  );
  return memorialView(deps.connection, reviewed, false);
}

const PENDING_PAGE = 100;

export async function listPendingMemorials(deps: Deps, user: SessionUser, cemeteryId: string) {
  requireStaff(user);
  requireScope(user, 'cemetery', cemeteryId);
  const pending = await Memorials(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), status: 'pending' })
    .sort({ createdAt: 1, _id: 1 })
    .limit(PENDING_PAGE)
    .lean();
  const views = await memorialViews(deps.connection, pending, () => false);
  return {
    items: views.map((view, index) => ({
      ...view,
      relation: pending[index]!.relation,
      certificateNumber: pending[index]!.certificateNumber,
    })),
  };
}
