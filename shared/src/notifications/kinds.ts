// Without zod, so a page can name the kinds without bundling the contract's schemas.

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
export type NotificationKind = (typeof notificationKinds)[number];

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
