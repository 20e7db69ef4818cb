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
        longTerm: template?.subscription === 'long-term',
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
 * Each accepted one-time template grants one push. A long-term one is on once accepted and off
 * again when the resident rejects or bans it (their answer to a later request after turning it
 * off in the platform's settings). Only templates we configured count, so a client cannot grow
 * an arbitrary map on its record.
 */
export async function recordSubscribeAnswers(
  deps: Deps,
  user: SessionUser,
  body: { answers: { templateId: string; answer: Answer }[] },
) {
  const known = new Map(
    Object.values(deps.config.NOTIFY_TEMPLATES)
      .flatMap((t) => [t?.wechat, t?.alipay])
      .flatMap((template) => (template ? [[template.templateId, template.subscription] as const] : [])),
  );
  const inc: Record<string, number> = {};
  const set: Record<string, number | Date> = { updatedAt: deps.clock.now() };
  for (const { templateId, answer } of body.answers) {
    const path = `grants.${templateId}`;
    if (known.get(templateId) === 'long-term') set[path] = answer === 'accept' ? 1 : 0;
    else if (known.has(templateId) && answer === 'accept') inc[path] = (inc[path] ?? 0) + 1;
  }
  await Recipients(deps.connection).updateOne(
    { _id: new Types.ObjectId(user.id) },
    { $inc: inc, $set: set },
    { upsert: true },
  );
  return getSettings(deps, user);
}
