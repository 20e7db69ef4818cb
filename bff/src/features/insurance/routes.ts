import type { Context } from 'koa';
import { api } from '@warmcity/shared';
import { implement } from '../../platform/implement';
import type { AuditSource } from '../../platform/personal-data/audit';
import { listAccessLog } from './access-log.service';
import { listChronic } from './chronic.service';
import { getSummary, listContributions } from './contribution.service';
import { askFamily, confirmFamily, listFamily, unbindFamily } from './family.service';
import { searchFaq } from './faq.service';
import { applyFiling, cancelFiling, listFilings } from './filing.service';
import { listHalls } from './hall.service';
import { sendImportChunk, startImport } from './import-job.service';
import { getMaternity } from './maternity.service';
import { staffLookup } from './staff.service';

const source = (ctx: Context): AuditSource => ({
  route: ctx.state.route ?? ctx.path,
  requestId: ctx.state.requestId ?? null,
});

export const insuranceRoutes = implement(api.insurance, {
  getSummary: ({ user, ctx, deps }) => getSummary(deps, user, source(ctx)),
  listContributions: ({ user, query, ctx, deps }) => listContributions(deps, user, query.year, source(ctx)),
  getMaternity: ({ user, query, ctx, deps }) => getMaternity(deps, user, query.expectedBirth, source(ctx)),
  listFilings: ({ user, ctx, deps }) => listFilings(deps, user, source(ctx)),
  applyFiling: ({ user, body, ctx, deps }) => applyFiling(deps, user, body, source(ctx)),
  cancelFiling: ({ user, params, ctx, deps }) => cancelFiling(deps, user, params.id, source(ctx)),
  listFamily: ({ user, ctx, deps }) => listFamily(deps, user, source(ctx)),
  askFamily: ({ user, body, ctx, deps }) => askFamily(deps, user, body, source(ctx)),
  confirmFamily: ({ user, params, ctx, deps }) => confirmFamily(deps, user, params.id, source(ctx)),
  unbindFamily: ({ user, params, ctx, deps }) => unbindFamily(deps, user, params.id, source(ctx)),
  listChronic: ({ user, ctx, deps }) => listChronic(deps, user, source(ctx)),
  listAccessLog: ({ user, deps }) => listAccessLog(deps, user),
  staffLookup: ({ user, body, ctx, deps }) => staffLookup(deps, user, body, source(ctx)),
  startImport: ({ user, body, deps }) => startImport(deps, user, body),
  sendImportChunk: ({ user, params, body, deps }) => sendImportChunk(deps, user, params.id, body),
  searchFaq: ({ query, deps }) => searchFaq(deps, query.q, query.limit),
  listHalls: ({ deps }) => listHalls(deps),
});
