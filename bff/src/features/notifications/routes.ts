import { api } from '@warmcity/shared';
import { implement } from '../../platform/implement';
import { listDeadLetters } from './admin.service';
import { getNotification, listNotifications, markAllRead, markRead, unreadCount } from './inbox.service';
import { getSettings, recordSubscribeAnswers, updateSettings } from './settings.service';

export const notificationsRoutes = implement(api.notifications, {
  listNotifications: ({ user, query, deps }) => listNotifications(deps, user, query),
  unreadCount: ({ user, deps }) => unreadCount(deps, user),
  getNotification: ({ user, params, deps }) => getNotification(deps, user, params.id),
  markRead: ({ user, params, deps }) => markRead(deps, user, params.id),
  markAllRead: ({ user, deps }) => markAllRead(deps, user),
  getSettings: ({ user, deps }) => getSettings(deps, user),
  updateSettings: ({ user, body, deps }) => updateSettings(deps, user, body),
  recordSubscribeAnswers: ({ user, body, deps }) => recordSubscribeAnswers(deps, user, body),
  listDeadLetters: ({ user, query, deps }) => listDeadLetters(deps, user, query),
});
