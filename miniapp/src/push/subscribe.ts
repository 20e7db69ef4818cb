import type { NotificationKind, NotificationSettings } from '@warmcity/shared/api/notifications';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** WeChat's and Alipay's subscribe sheets take three templates at most. */
export const MAX_TEMPLATES = 3;

/**
 * The templates one tap asks for, the most important kind first. Neither platform lets a request
 * mix one-time and long-term templates, so the first kind's sort decides; a long-term one already
 * granted covers every later push and is not asked again.
 */
export function subscribeRequest(settings: NotificationSettings, kinds: readonly NotificationKind[]): string[] {
  const wanted = kinds.flatMap((kind) => {
    const k = settings.kinds.find((entry) => entry.kind === kind);
    return k && k.enabled && k.templateId && !(k.longTerm && k.remaining > 0) ? [k] : [];
  });
  const first = wanted[0];
  if (!first) return [];
  const ids = wanted.filter((k) => k.longTerm === first.longTerm).map((k) => k.templateId!);
  return [...new Set(ids)].slice(0, MAX_TEMPLATES);
}

/**
 * The resident's answer per template. WeChat answers `{ [templateId]: 'accept' | 'reject' | ... }`;
 * Alipay does too, and lists the accepted ones in `result.subscribeEntityIds`, which it
 * recommends reading instead. Anything unrecognised counts as a refusal, which grants nothing.
 */
export function subscribeAnswers(
  ids: readonly string[],
  result: Record<string, unknown>,
): { templateId: string; answer: Answer }[] {
  const accepted = (result.result as { subscribeEntityIds?: unknown } | undefined)?.subscribeEntityIds;
  return ids.map((templateId) => {
    const answer = result[templateId];
    if (typeof answer === 'string' && ANSWERS.includes(answer)) return { templateId, answer: answer as Answer };
    return { templateId, answer: Array.isArray(accepted) && accepted.includes(templateId) ? 'accept' : 'reject' };
  });
}
