import { defineFeature } from '../../platform/feature';
import { createNotificationDelivery } from '../../platform/notifications/deliver';
import { Notifications } from '../../platform/notifications/notification.model';
import { forgetRecipient } from '../../platform/notifications/notify';
import { Recipients } from '../../platform/notifications/recipient.model';
import { oid } from '../../platform/ids';
import { notificationsRoutes } from './routes';

/** The outbox and the push workers are platform (every feature calls `notify()`); the inbox,
 * the settings and what an account owns of them are this feature's. */
export const notificationsFeature = defineFeature({
  name: 'notifications',
  routes: notificationsRoutes,
  sweepers: [createNotificationDelivery()],
  models: [Notifications, Recipients],
  accountData: {
    onAccountDeleted: (accountId, deps) => forgetRecipient(deps, oid(accountId)),
    async exportData(accountId, deps) {
      const userId = oid(accountId);
      const [notifications, recipient] = await Promise.all([
        Notifications(deps.connection)
          .find({ userId }, { kind: 1, title: 1, body: 1, createdAt: 1, readAt: 1, delivery: 1 })
          .sort({ createdAt: 1 })
          .lean(),
        Recipients(deps.connection).findById(userId).lean(),
      ]);
      return {
        notifications: notifications.map((n) => ({
          id: n._id.toHexString(),
          kind: n.kind,
          title: n.title,
          body: n.body,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
          delivery: n.delivery.status,
        })),
        settings: recipient
          ? {
              platform: recipient.platform,
              disabledKinds: recipient.disabledKinds,
              grants: recipient.grants,
              updatedAt: recipient.updatedAt.toISOString(),
            }
          : null,
      };
    },
  },
});
