import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/platform/notifications/backoff';
import { afterQuietHours } from '../../src/platform/notifications/quiet-hours';
import { fieldValue, templateData, templatesSchema } from '../../src/platform/notifications/templates';

const HOUR = 3_600_000;
/** A moment given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours, 22:00–08:00 China time', () => {
  it.each([
    ['2026-03-02T08:00:00', '2026-03-02T08:00:00'],
    ['2026-03-02T12:00:00', '2026-03-02T12:00:00'],
    ['2026-03-02T21:59:59', '2026-03-02T21:59:59'],
    ['2026-03-02T22:00:00', '2026-03-03T08:00:00'],
    ['2026-03-02T23:59:59', '2026-03-03T08:00:00'],
    ['2026-03-03T00:00:00', '2026-03-03T08:00:00'],
    ['2026-03-03T07:59:59', '2026-03-03T08:00:00'],
    // The last day of a month and of a year roll over like any other.
    ['2026-12-31T22:30:00', '2027-01-01T08:00:00'],
  ])('a push due at %s (China) may go at %s', (due, allowed) => {
    expect(afterQuietHours(china(due)).toISOString()).toBe(china(allowed).toISOString());
  });
});

describe('retry backoff', () => {
  it('doubles from 30 s with full jitter, capped at 6 hours, never under a second', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 12, 20].map((attempt) => retryDelayMs(attempt, () => 0.999_999));
    expect(ceilings.map((ms) => Math.round(ms / 1000))).toEqual([30, 60, 120, 240, 480, 960, 21600, 21600]);
    expect(retryDelayMs(3, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(1, () => 0)).toBe(1_000);
    expect(retryDelayMs(30, () => 0.999_999)).toBeLessThanOrEqual(6 * HOUR);
  });
});

describe('template field values within the platform limits', () => {
  it.each([
    ['thing1', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['name2', '欧阳一二三四五六七八九', '欧阳一二三四五六七八'],
    ['phrase3', '候补成功了吗', '候补成功了'],
    ['character_string4', 'A'.repeat(40), 'A'.repeat(32)],
    ['number5', '1'.repeat(33), '1'.repeat(32)],
    ['car_number6', '浙D123456X', '浙D123456'],
    ['time7', '2026年03月02日 15:00', '2026年03月02日 15:00'],
    // An emoji is one character, not two UTF-16 units.
    ['thing8', `${'😀'.repeat(21)}`, `${'😀'.repeat(19)}…`],
  ])('%s: %s → %s', (field, value, expected) => {
    expect(fieldValue(field, value)).toBe(expected);
    expect(Array.from(fieldValue(field, value)).length).toBeLessThanOrEqual(field.startsWith('thing') ? 20 : 32);
  });

  it('fills every configured field, from the values the feature gave', () => {
    const templates = templatesSchema.parse({
      session_cancelled: { wechat: { templateId: 'T', fields: { thing1: 'course', thing2: 'reason' } } },
    });
    expect(templateData(templates.session_cancelled!.wechat!, { course: '亲子沟通', other: 'x' })).toEqual({
      thing1: { value: '亲子沟通' },
      thing2: { value: '' },
    });
  });

  it('refuses a configuration with an unknown kind, platform or key', () => {
    for (const bad of [
      { not_a_kind: { wechat: { templateId: 'T', fields: {} } } },
      { class_reminder: { qq: { templateId: 'T', fields: {} } } },
      { class_reminder: { wechat: { templateId: 'T', fields: {}, extra: 1 } } },
      { class_reminder: { wechat: { templateId: 'T', fields: { 'thing1.$x': 'course' } } } },
    ])
      expect(templatesSchema.safeParse(bad).success).toBe(false);
  });
});
