import { Types } from 'mongoose';
import { notificationKindLabels, notificationKinds, type NotificationKind } from '@warmcity/shared/api/notifications';
import type { Deps } from '../../platform/deps';
import { Recipients, type Recipient } from '../../platform/notifications/recipient.model';
import { templateFor } from '../../platform/notifications/templates';
import type { SessionUser } from '../../platform/session';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

function settingsOf(deps: Deps, recipient: Pick<Recipient, 'platform' | 'disabledKinds' | 'grants'> | null) {
  const platform = recipient?.platform ?? null;
  const grants = new Map(Object.entries(recipient?.grants ?? {}));
  return {
    platform: platform ?? ('none' as const),
    kinds: notificationKinds.map((kind) => {
      const template = platform ? templateFor(deps.config.NOTIFY_TEMPLATES, kind, platform) : null;
      return {
        kind,
        label: notificationKindLabels[kind],
        enabled: !recipient?.disabledKinds.includes(kind),
        templateId: template?.templateId ?? null,
        remaining: template ? Number(grants.get(template.templateId) ?? 0) : 0,
      };
    }),
  };
}

const load = (deps: Deps, user: SessionUser) =>
  Recipients(deps.connection).findById(new Types.ObjectId(user.id)).lean<Recipient>();

export async function getSettings(deps: Deps, user: SessionUser) {
  return settingsOf(deps, await load(deps, user));
}

export async function updateSettings(deps: Deps, user: SessionUser, body: { disabledKinds: NotificationKind[] }) {
  await Recipients(deps.connection).updateOne(
    { _id: new Types.ObjectId(user.id) },
    { $set: { disabledKinds: [...new Set(body.disabledKinds)], updatedAt: deps.clock.now() } },
    { upsert: true },
  );
  return getSettings(deps, user);
}

/**
 * Each accepted template grants one push (one-time subscriptions). Only templates we configured
 * count, so a client cannot grow an arbitrary map on its record.
 */
export async function recordSubscribeAnswers(
  deps: Deps,
  user: SessionUser,
  body: { answers: { templateId: string; answer: Answer }[] },
) {
  const known = new Set(
    Object.values(deps.config.NOTIFY_TEMPLATES).flatMap((t) => [t?.wechat?.templateId, t?.alipay?.templateId]),
  );
  const grants = body.answers.filter((a) => a.answer === 'accept' && known.has(a.templateId));
  const inc: Record<string, number> = {};
  for (const { templateId } of grants) inc[`grants.${templateId}`] = (inc[`grants.${templateId}`] ?? 0) + 1;
  await Recipients(deps.connection).updateOne(
    { _id: new Types.ObjectId(user.id) },
    { $inc: inc, $set: { updatedAt: deps.clock.now() } },
    { upsert: true },
  );
  return getSettings(deps, user);
}
