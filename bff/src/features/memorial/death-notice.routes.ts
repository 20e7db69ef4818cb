import type { Context } from 'koa';
import { memorialNoticesApi } from '@warmcity/shared/api/memorial-notices';
import { implement } from '../../platform/implement';
import type { AuditSource } from '../../platform/personal-data/audit';
import {
  agencyGetDeathNotice,
  agencyListDeathNotices,
  agencyMoveDeathNotice,
  getMyDeathNotice,
  listMyDeathNotices,
  reportDeath,
  withdrawMyDeathNotice,
} from './death-notice.service';

const source = (ctx: Context): AuditSource => ({
  route: ctx.state.route ?? ctx.path,
  requestId: ctx.state.requestId ?? null,
});

export const memorialNoticeRoutes = implement(memorialNoticesApi, {
  reportDeath: ({ user, body, deps }) => reportDeath(deps, user, body),
  listMyDeathNotices: ({ user, deps }) => listMyDeathNotices(deps, user),
  getMyDeathNotice: ({ user, params, deps }) => getMyDeathNotice(deps, user, params.id),
  withdrawMyDeathNotice: ({ user, params, deps }) => withdrawMyDeathNotice(deps, user, params.id),
  agencyListDeathNotices: ({ user, params, query, ctx, deps }) =>
    agencyListDeathNotices(deps, user, params.id, query.state, source(ctx)),
  agencyGetDeathNotice: ({ user, params, ctx, deps }) => agencyGetDeathNotice(deps, user, params.id, source(ctx)),
  agencyAcceptDeathNotice: ({ user, params, body, ctx, deps }) =>
    agencyMoveDeathNotice(deps, user, params.id, 'accept', body.note, source(ctx)),
  agencyProgressDeathNotice: ({ user, params, body, ctx, deps }) =>
    agencyMoveDeathNotice(deps, user, params.id, 'progress', body.note, source(ctx)),
  agencyCompleteDeathNotice: ({ user, params, body, ctx, deps }) =>
    agencyMoveDeathNotice(deps, user, params.id, 'complete', body.note, source(ctx)),
  agencyCancelDeathNotice: ({ user, params, body, ctx, deps }) =>
    agencyMoveDeathNotice(deps, user, params.id, 'cancel', body.note, source(ctx)),
});
