import { z } from 'zod';
import { idParams, isoDateTime, objectId, page, pageQuery } from '../contract/common';
import { defineOperation } from '../contract/operation';

/** 消息: every notification a resident was sent, and which ones may also be pushed to them. */

/** What a notification is about; each kind has its own template and may be turned off. */
export const notificationKinds = [
  'booking_promoted',
  'class_reminder',
  'session_cancelled',
  'session_rescheduled',
  'course_opened',
  'charging_reminder',
  'charging_expired',
  'charging_cancelled',
  'charging_ended',
  'charging_report_answered',
  'maternity_stage',
  'family_request',
  'memorial_order_accepted',
  'memorial_order_started',
  'memorial_order_done',
  'memorial_order_cancelled',
  'memorial_notice_update',
] as const;
export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notificationKindLabels: Readonly<Record<NotificationKind, string>> = {
  booking_promoted: '候补成功',
  class_reminder: '上课提醒',
  session_cancelled: '课程取消',
  session_rescheduled: '课程改期',
  course_opened: '下期提醒',
  charging_reminder: '充电预约即将到期',
  charging_expired: '充电预约已失效',
  charging_cancelled: '充电预约已取消',
  charging_ended: '充电结束',
  charging_report_answered: '举报处理结果',
  maternity_stage: '生育津贴进度',
  family_request: '家庭共济绑定申请',
  memorial_order_accepted: '祭扫服务已受理',
  memorial_order_started: '祭扫服务进行中',
  memorial_order_done: '祭扫服务已完成',
  memorial_order_cancelled: '祭扫服务已取消',
  memorial_notice_update: '报丧办理进度',
};

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
