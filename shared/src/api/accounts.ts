import { z } from 'zod';
import { isoDateTime, objectId, ok, page, pageQuery, singleLineText } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { defineProblems } from '../contract/problem';

export const signInProviders = ['wechat', 'alipay', 'dev'] as const;
// `agency:<cemeteryId>`: the cemetery's 代办员 team, who alone work its death notices.
export const staffScopeKinds = ['school', 'charging-site', 'cemetery', 'service-hall', 'agency'] as const;

export const staffScope = z.strictObject({ kind: z.enum(staffScopeKinds), id: objectId });
export type StaffScope = z.infer<typeof staffScope>;

const role = z.enum(['resident', 'staff', 'admin']);

/** A bound identity as responses show it: masked, never the number itself. */
export const boundIdentity = z.strictObject({
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  boundAt: isoDateTime,
});

export const accountView = z.strictObject({
  id: objectId,
  provider: z.enum(signInProviders),
  roles: z.array(role),
  staffScopes: z.array(staffScope),
  identity: boundIdentity.nullable(),
  createdAt: isoDateTime,
});
export type AccountView = z.infer<typeof accountView>;

export const sessionTokens = z.strictObject({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  account: accountView,
});

const refreshBody = z.strictObject({ refreshToken: z.string().min(16).max(200) });

const personalData = z.strictObject({
  account: accountView,
  sessions: z.array(
    z.strictObject({ provider: z.enum(signInProviders), createdAt: isoDateTime, lastUsedAt: isoDateTime }),
  ),
  /** Who read or changed my sensitive data, newest first. */
  auditTrail: z.array(z.strictObject({ action: z.string(), route: z.string(), at: isoDateTime, byMe: z.boolean() })),
  /** What other features hold about me (bookings, reservations, ...), by feature name. */
  features: z.record(z.string(), z.unknown()),
});

const adminAccountView = z.strictObject({
  id: objectId,
  provider: z.enum(signInProviders),
  roles: z.array(role),
  staffScopes: z.array(staffScope),
  identityBound: z.boolean(),
  createdAt: isoDateTime,
});

const auditEntry = z.strictObject({
  id: objectId,
  at: isoDateTime,
  actor: objectId.nullable(),
  subjectAccount: objectId.nullable(),
  subjectMaskedId: z.string().nullable(),
  action: z.string(),
  route: z.string(),
});

const scopeParams = z.strictObject({ id: objectId, kind: z.enum(staffScopeKinds), scopeId: objectId });

export const accountsApi = {
  signIn: defineOperation({
    id: 'accounts.signIn',
    method: 'POST',
    path: '/api/accounts/sign-in',
    summary: 'Exchange a one-time platform login code (wx.login / my.getAuthCode) for a session',
    access: 'public',
    body: z.strictObject({ provider: z.enum(signInProviders), code: z.string().min(1).max(128) }),
    response: sessionTokens,
    problems: [
      'SIGN_IN_CODE_INVALID',
      'SIGN_IN_RISKY_USER',
      'SIGN_IN_UPSTREAM_BUSY',
      'SIGN_IN_PROVIDER_UNAVAILABLE',
      'RATE_LIMITED',
    ],
  }),
  refresh: defineOperation({
    id: 'accounts.refresh',
    method: 'POST',
    path: '/api/accounts/refresh',
    summary: 'Rotate a refresh token: the old one stops working, reusing it ends the whole session',
    access: 'public',
    body: refreshBody,
    response: sessionTokens,
    problems: ['REFRESH_TOKEN_INVALID', 'RATE_LIMITED'],
  }),
  signOut: defineOperation({
    id: 'accounts.signOut',
    method: 'POST',
    path: '/api/accounts/sign-out',
    summary: 'End the session the refresh token belongs to',
    access: 'public',
    body: refreshBody,
    response: ok,
  }),
  devAccounts: defineOperation({
    id: 'accounts.devAccounts',
    method: 'GET',
    path: '/api/accounts/dev-accounts',
    summary: 'Demo accounts the dev provider can sign in as (not in production)',
    access: 'public',
    response: z.strictObject({
      items: z.array(z.strictObject({ code: z.string(), label: z.string(), roles: z.array(role) })),
    }),
  }),
  me: defineOperation({
    id: 'accounts.me',
    method: 'GET',
    path: '/api/accounts/me',
    summary: 'The signed-in account, its roles and its masked bound identity',
    access: 'resident',
    response: accountView,
  }),
  bindIdentity: defineOperation({
    id: 'accounts.bindIdentity',
    method: 'PUT',
    path: '/api/accounts/me/identity',
    summary: 'Bind a real-name identity (name + resident ID) found in the insured-person registry',
    access: 'resident',
    // The number is checked by the service, so a malformed one gets INVALID_ID_NUMBER, not a generic 400.
    body: z.strictObject({ name: singleLineText(30), idNumber: z.string().max(32) }),
    response: boundIdentity,
    problems: [
      'INVALID_ID_NUMBER',
      'IDENTITY_NOT_MATCHED',
      'IDENTITY_ALREADY_BOUND',
      'FACE_CHECK_FAILED',
      'RATE_LIMITED',
    ],
  }),
  myData: defineOperation({
    id: 'accounts.myData',
    method: 'GET',
    path: '/api/accounts/me/data',
    summary: 'Everything held about me (sensitive fields masked)',
    access: 'resident',
    response: personalData,
  }),
  exportMyData: defineOperation({
    id: 'accounts.exportMyData',
    method: 'GET',
    path: '/api/accounts/me/export',
    summary: 'Everything held about me as a JSON document to keep',
    access: 'resident',
    response: personalData.extend({ exportedAt: isoDateTime }),
  }),
  deleteMe: defineOperation({
    id: 'accounts.deleteMe',
    method: 'DELETE',
    path: '/api/accounts/me',
    summary: 'Delete my account: cancel what is active, erase personal fields, end every session',
    access: 'resident',
    response: ok,
  }),
  listAccounts: defineOperation({
    id: 'accounts.listAccounts',
    method: 'GET',
    path: '/api/admin/accounts',
    summary: 'Accounts, newest first, optionally by role',
    access: 'admin',
    query: pageQuery.extend({ role: role.optional() }),
    response: page(adminAccountView),
  }),
  grantStaffScope: defineOperation({
    id: 'accounts.grantStaffScope',
    method: 'PUT',
    path: '/api/admin/accounts/:id/staff-scopes/:kind/:scopeId',
    summary: 'Let an account operate a school, charging site, cemetery or service hall',
    access: 'admin',
    params: scopeParams,
    response: adminAccountView,
  }),
  revokeStaffScope: defineOperation({
    id: 'accounts.revokeStaffScope',
    method: 'DELETE',
    path: '/api/admin/accounts/:id/staff-scopes/:kind/:scopeId',
    summary: 'Take a staff scope away; the staff role goes with the last one',
    access: 'admin',
    params: scopeParams,
    response: adminAccountView,
  }),
  auditLog: defineOperation({
    id: 'accounts.auditLog',
    method: 'GET',
    path: '/api/admin/audit-log',
    summary: 'Who read or changed whose sensitive data, newest first',
    access: 'admin',
    query: pageQuery.extend({
      actor: objectId.optional(),
      subject: objectId.optional(),
      action: z
        .string()
        .regex(/^[a-z-]+\.[a-z-]+$/)
        .optional(),
    }),
    response: page(auditEntry),
  }),
} as const;

export const accountsProblems = defineProblems({
  SIGN_IN_CODE_INVALID: {
    status: 400,
    title: 'Login code invalid or already used',
    zh: '登录凭证已失效，请重新进入小程序',
  },
  SIGN_IN_RISKY_USER: {
    status: 403,
    title: 'The platform flagged this user as high-risk',
    zh: '账号存在风险，暂时无法登录',
  },
  SIGN_IN_UPSTREAM_BUSY: { status: 503, title: 'The login platform is busy', zh: '登录人数较多，请稍后再试' },
  SIGN_IN_PROVIDER_UNAVAILABLE: {
    status: 400,
    title: 'This sign-in provider is not available here',
    zh: '当前环境不支持该登录方式',
  },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'Session ended', zh: '登录已过期，请重新登录' },
  INVALID_ID_NUMBER: { status: 400, title: 'Not a valid resident identity number', zh: '身份证号码有误，请核对' },
  IDENTITY_NOT_MATCHED: {
    status: 422,
    title: 'No insured person with this name and ID number',
    zh: '未查到该参保人，请核对姓名和身份证号',
  },
  IDENTITY_ALREADY_BOUND: {
    status: 409,
    title: 'This identity is bound to another account',
    zh: '该身份已绑定其他账号',
  },
  FACE_CHECK_FAILED: { status: 403, title: 'Face check failed', zh: '人脸核验未通过' },
});
