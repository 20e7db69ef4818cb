import { describe, expect, it } from 'vitest';
import type { NotificationKind, NotificationSettings } from '@warmcity/shared/api/notifications';
import { subscribeAnswers, subscribeRequest } from '../src/push/subscribe';

type Entry = NotificationSettings['kinds'][number];
const entry = (kind: NotificationKind, templateId: string | null, more: Partial<Entry> = {}): Entry => ({
  kind,
  label: kind,
  enabled: true,
  templateId,
  longTerm: false,
  remaining: 0,
  ...more,
});
const settings = (...kinds: Entry[]): NotificationSettings => ({ platform: 'wechat', kinds });

describe('what one tap asks the platform for', () => {
  it('asks for three templates at most, the most important first, skipping inbox-only and turned-off kinds', () => {
    const s = settings(
      entry('booking_promoted', 'T-promoted'),
      entry('class_reminder', 'T-reminder'),
      entry('session_cancelled', null),
      entry('session_rescheduled', 'T-rescheduled', { enabled: false }),
      entry('course_opened', 'T-opened'),
      entry('charging_reminder', 'T-charging'),
    );
    expect(
      subscribeRequest(s, [
        'booking_promoted',
        'class_reminder',
        'session_cancelled',
        'session_rescheduled',
        'course_opened',
        'charging_reminder',
      ]),
    ).toEqual(['T-promoted', 'T-reminder', 'T-opened']);
  });

  it('never mixes one-time and long-term templates, and does not ask again for a long-term one granted', () => {
    const s = settings(
      entry('course_opened', 'L-opened', { longTerm: true }),
      entry('class_reminder', 'T-reminder'),
      entry('session_cancelled', 'L-cancelled', { longTerm: true, remaining: 1 }),
      entry('session_rescheduled', 'L-rescheduled', { longTerm: true }),
    );
    expect(
      subscribeRequest(s, ['course_opened', 'class_reminder', 'session_cancelled', 'session_rescheduled']),
    ).toEqual(['L-opened', 'L-rescheduled']);
    expect(subscribeRequest(s, ['class_reminder', 'course_opened'])).toEqual(['T-reminder']);
    expect(subscribeRequest(s, ['session_cancelled'])).toEqual([]);
  });

  it('asks for a template shared by two kinds once', () => {
    const s = settings(entry('session_cancelled', 'T-change'), entry('session_rescheduled', 'T-change'));
    expect(subscribeRequest(s, ['session_cancelled', 'session_rescheduled'])).toEqual(['T-change']);
  });
});

describe("reading the platform's answer", () => {
  it("takes WeChat's answer per template and counts anything unknown as a refusal", () => {
    expect(
      subscribeAnswers(['A', 'B', 'C', 'D'], {
        errMsg: 'requestSubscribeMessage:ok',
        A: 'accept',
        B: 'reject',
        C: 'ban',
        D: 'something new',
      }),
    ).toEqual([
      { templateId: 'A', answer: 'accept' },
      { templateId: 'B', answer: 'reject' },
      { templateId: 'C', answer: 'ban' },
      { templateId: 'D', answer: 'reject' },
    ]);
  });

  it("falls back to Alipay's list of subscribed templates", () => {
    expect(
      subscribeAnswers(['A', 'B'], {
        behavior: 'subscribe',
        result: { subscribeEntityIds: ['B'], unsubscribedEntityIds: ['A'] },
      }),
    ).toEqual([
      { templateId: 'A', answer: 'reject' },
      { templateId: 'B', answer: 'accept' },
    ]);
  });
});
