import { z } from 'zod';
import { notificationKinds, type NotificationKind } from '@warmcity/shared/api/notifications';

/**
 * Which platform template a kind is pushed with, and which of the notification's values fills
 * each template field. Read from `NOTIFY_TEMPLATES` (JSON); a kind without an entry for the
 * recipient's platform is inbox-only.
 */
const fieldMap = z.record(z.string().regex(/^[a-z_]+\d+$/, 'template field names look like thing1, time2'), z.string());
const template = z.strictObject({
  templateId: z.string().min(1),
  fields: fieldMap,
  // WeChat offers long-term subscriptions only to some service categories (政务民生, 医疗, 教育,
  // 交通...), template by template: one accepted request then covers every later push until the
  // resident turns it off. One-time, the default, is one push per accepted request.
  subscription: z.enum(['one-time', 'long-term']).default('one-time'),
});
const kindTemplates = z.strictObject({ wechat: template.optional(), alipay: template.optional() });

export const templatesSchema = z.partialRecord(z.enum(notificationKinds), kindTemplates);
export type Templates = z.infer<typeof templatesSchema>;
export type PushPlatform = 'wechat' | 'alipay';
export type Template = z.infer<typeof template>;

export const templateFor = (templates: Templates, kind: NotificationKind, platform: PushPlatform) =>
  templates[kind]?.[platform] ?? null;

/**
 * WeChat's limits per field type (subscribe message docs): a longer `thing` is refused with
 * 47003, so values are cut here instead. Alipay's keywords take the same budget.
 */
const LIMITS: Record<string, number> = {
  thing: 20,
  name: 10,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 11,
  phone_number: 17,
  car_number: 8,
  time: 40,
  date: 40,
};

export function fieldValue(field: string, value: string): string {
  const type = field.replace(/\d+$/, '');
  const limit = LIMITS[type] ?? 20;
  const chars = Array.from(value);
  if (chars.length <= limit) return value;
  // `thing` is free text: show that it was cut. The others are codes a cut would corrupt less visibly.
  return type === 'thing' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('');
}

/** The template's data, `{ thing1: { value } }`, from the notification's values. */
export function templateData(tpl: Template, values: Record<string, string>): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(tpl.fields).map(([field, key]) => [field, { value: fieldValue(field, values[key] ?? '') }]),
  );
}
