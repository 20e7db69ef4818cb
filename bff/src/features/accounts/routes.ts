import type { Context } from 'koa';
import { api } from '@warmcity/shared';
import type { AuditSource } from '../../platform/personal-data/audit';
import { implement } from '../../platform/implement';
import { auditLog, grantStaffScope, listAccounts, revokeStaffScope } from './admin.service';
import { bindIdentity } from './identity.service';
import { deleteMe, me, myData } from './privacy.service';
import { devAccounts, refresh, signIn, signOut } from './sign-in.service';

const auditSource = (ctx: Context): AuditSource => ({
  route: ctx.state.route ?? ctx.path,
  requestId: ctx.state.requestId ?? null,
});

export const accountsRoutes = implement(api.accounts, {
  signIn: ({ body, ctx, deps }) => signIn(deps, body, ctx.ip),
  refresh: ({ body, ctx, deps }) => refresh(deps, body.refreshToken, ctx.ip),
  signOut: ({ body, deps }) => signOut(deps, body.refreshToken),
  devAccounts: ({ deps }) => devAccounts(deps),
  me: ({ user, deps }) => me(deps, user),
  bindIdentity: ({ user, body, ctx, deps }) => bindIdentity(deps, user, body, ctx.ip, auditSource(ctx)),
  myData: ({ user, ctx, deps }) => myData(deps, user, auditSource(ctx), 'personal-data.read'),
  exportMyData: async ({ user, ctx, deps }) => {
    const data = await myData(deps, user, auditSource(ctx), 'personal-data.export');
    ctx.set('Content-Disposition', 'attachment; filename="warmcity-my-data.json"');
    return { ...data, exportedAt: deps.clock.now().toISOString() };
  },
  deleteMe: ({ user, ctx, deps }) => deleteMe(deps, user, auditSource(ctx)),
  listAccounts: ({ user, query, deps }) => listAccounts(deps, user, query),
  grantStaffScope: ({ user, params, ctx, deps }) =>
    grantStaffScope(deps, user, { accountId: params.id, kind: params.kind, id: params.scopeId }, auditSource(ctx)),
  revokeStaffScope: ({ user, params, ctx, deps }) =>
    revokeStaffScope(deps, user, { accountId: params.id, kind: params.kind, id: params.scopeId }, auditSource(ctx)),
  auditLog: ({ user, query, deps }) => auditLog(deps, user, query),
});
