import { z } from 'zod';
import { idParams, isoDateTime, objectId, page, pageQuery } from '../contract/common';
import { defineOperation } from '../contract/operation';
import { notificationKinds } from '../notifications/kinds';

/** 消息: every notification a resident was sent, and which ones may also be pushed to them. */

export const notificationKind = z.enum(notificationKinds);
export { notificationKindLabels, notificationKinds, type NotificationKind } from '../notifications/kinds';

export const notificationView = z.strictObject({
  id: objectId,
  kind: notificationKind,
  title: z.string(),
  body: z.string(),
  /** The mini-program page it is about, e.g. `/parent-school/booking?id=…`. */
  link: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const subscribeAnswer = z.enum(['accept', 'reject', 'ban', 'filter']);

export const notificationSettings = z.strictObject({
  /** Where pushes go: the platform the resident last signed in with; `none` means inbox only. */
  platform: z.enum(['wechat', 'alipay', 'none']),
  kinds: z.array(
    z.strictObject({
      kind: notificationKind,
      label: z.string(),
      enabled: z.boolean(),
      /** The platform template to ask permission for; null when this kind is inbox-only. */
      templateId: z.string().nullable(),
      /** A long-term subscription: once accepted, every push until it is turned off. */
      longTerm: z.boolean(),
      /** Sends left of the one-time subscriptions granted so far; 1 or 0 (on or off) when long-term. */
      remaining: z.number().int().min(0),
    }),
  ),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

export const deadLetterView = z.strictObject({
  id: objectId,
  userId: objectId,
  kind: notificationKind,
  dedupeKey: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
});

const base = '/api/notifications';

export const notificationsApi = {
  listNotifications: defineOperation({
    id: 'notifications.listNotifications',
    method: 'GET',
    path: base,
    summary: 'My notifications, newest first',
    access: 'resident',
    query: pageQuery,
    response: page(notificationView),
  }),
  unreadCount: defineOperation({
    id: 'notifications.unreadCount',
    method: 'GET',
    path: `${base}/unread-count`,
    summary: 'How many of my notifications are unread (the badge on 我的)',
    access: 'resident',
    response: z.strictObject({ count: z.number().int().min(0) }),
  }),
  getNotification: defineOperation({
    id: 'notifications.getNotification',
    method: 'GET',
    path: `${base}/items/:id`,
    summary: 'One of my notifications',
    access: 'resident',
    params: idParams,
    response: notificationView,
  }),
  markRead: defineOperation({
    id: 'notifications.markRead',
    method: 'POST',
    path: `${base}/items/:id/read`,
    summary: 'Mark one of my notifications read',
    access: 'resident',
    params: idParams,
    response: notificationView,
  }),
  markAllRead: defineOperation({
    id: 'notifications.markAllRead',
    method: 'POST',
    path: `${base}/read-all`,
    summary: 'Mark all my notifications read',
    access: 'resident',
    response: z.strictObject({ count: z.number().int().min(0) }),
  }),
  getSettings: defineOperation({
    id: 'notifications.getSettings',
    method: 'GET',
    path: `${base}/settings`,
    summary: 'Which kinds are on, and what the platform lets us push',
    access: 'resident',
    response: notificationSettings,
  }),
  updateSettings: defineOperation({
    id: 'notifications.updateSettings',
    method: 'PUT',
    path: `${base}/settings`,
    summary: 'Turn kinds of notification on or off (the inbox still gets them)',
    access: 'resident',
    body: z.strictObject({ disabledKinds: z.array(notificationKind).max(notificationKinds.length) }),
    response: notificationSettings,
  }),
  recordSubscribeAnswers: defineOperation({
    id: 'notifications.recordSubscribeAnswers',
    method: 'POST',
    path: `${base}/settings/subscribe-answers`,
    summary: 'What the resident answered to requestSubscribeMessage; each accept grants one send',
    access: 'resident',
    idempotent: true,
    body: z.strictObject({
      answers: z
        .array(
          z.strictObject({
            templateId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
            answer: subscribeAnswer,
          }),
        )
        .min(1)
        .max(notificationKinds.length),
    }),
    response: notificationSettings,
  }),
  listDeadLetters: defineOperation({
    id: 'notifications.listDeadLetters',
    method: 'GET',
    path: '/api/admin/notifications/dead',
    summary: 'Pushes given up after every retry, newest first',
    access: 'admin',
    query: pageQuery,
    response: page(deadLetterView),
  }),
} as const;
