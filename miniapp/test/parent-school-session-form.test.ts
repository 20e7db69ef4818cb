import { describe, expect, it } from 'vitest';
import type { SessionView } from '@warmcity/shared/api/parent-school';
import { scheduleIssues } from '@warmcity/shared/parent-school/schedule';
import {
  checkSessionForm,
  newSessionForm,
  scheduleTexts,
  serverErrors,
  sessionFormOf,
  sessionPatch,
} from '../src/parent-school/session-form';

// 2030-03-07 10:00 in Shaoxing.
const now = new Date('2030-03-07T02:00:00Z');
const filled = { ...newSessionForm(now, 30), courseId: 'c'.repeat(24), venueId: 'v'.repeat(24) };

describe('the staff session form', () => {
  it('suggests tomorrow at pick-up time, bookable from now until the start, and sends it as instants', () => {
    expect(filled).toMatchObject({
      date: '2030-03-08',
      startTime: '16:20',
      endTime: '16:50',
      opensTime: '10:00',
      closesTime: '16:20',
    });
    const checked = checkSessionForm(filled, now);
    expect(checked).toEqual({
      values: {
        startsAt: '2030-03-08T08:20:00.000Z',
        endsAt: '2030-03-08T08:50:00.000Z',
        bookingOpensAt: '2030-03-07T02:00:00.000Z',
        bookingClosesAt: '2030-03-08T08:20:00.000Z',
        capacity: 50,
        cancelCutoffMinutes: 0,
      },
    });
  });

  it('refuses what the BFF would refuse, in Chinese, under the field it is about', () => {
    expect(checkSessionForm({ ...filled, capacity: '0', cancelCutoffMinutes: '-5', courseId: '' }, now)).toEqual({
      errors: {
        capacity: '座位数须为 1 到 5000 的整数',
        cancelCutoffMinutes: '取消截止须为 0 到 10080 分钟',
        courseId: '请选择课程',
      },
    });
    expect(checkSessionForm({ ...filled, endTime: '16:00', closesTime: '17:00' }, now)).toEqual({
      errors: { endTime: '结束时间须晚于开课时间', closesTime: '预约截止不能晚于开课' },
    });
    expect(checkSessionForm({ ...filled, date: '2030-03-06', closesDate: '2030-03-06' }, now)).toMatchObject({
      errors: { startTime: '开课时间须晚于现在', closesTime: '预约截止须晚于预约开放' },
    });
  });

  it('has a Chinese text for every code of the schedule rules', () => {
    const t = (h: number) => new Date(now.getTime() + h * 3_600_000);
    const everything = scheduleIssues(
      { startsAt: t(-2), endsAt: t(-3), bookingOpensAt: t(1), bookingClosesAt: t(0), cancelCutoffMinutes: 0 },
      now,
    );
    const afterStart = scheduleIssues(
      { startsAt: t(2), endsAt: t(3), bookingOpensAt: t(0), bookingClosesAt: t(4), cancelCutoffMinutes: 0 },
      now,
    );
    for (const issue of [...everything, ...afterStart]) expect(scheduleTexts[issue.code], issue.code).toBeDefined();
  });

  it('places the BFF’s field errors under their fields by code', () => {
    expect(
      serverErrors([
        { path: 'body.startsAt', code: 'STARTS_NOT_IN_FUTURE' },
        { path: 'body.capacity', message: 'Too big' },
      ]),
    ).toEqual({
      startTime: '开课时间须晚于现在',
      capacity: '请检查此项',
    });
  });

  it('an edit sends only what changed', () => {
    const session = {
      id: 's'.repeat(24),
      course: { id: filled.courseId },
      venue: { id: filled.venueId },
      startsAt: '2030-03-08T08:20:00.000Z',
      endsAt: '2030-03-08T08:50:00.000Z',
      bookingOpensAt: '2030-03-07T02:00:00.000Z',
      bookingClosesAt: '2030-03-08T08:20:00.000Z',
      capacity: 50,
      cancelCutoffMinutes: 0,
    } as SessionView;
    const form = { ...sessionFormOf(session), capacity: '80', endTime: '17:00' };
    const checked = checkSessionForm(form, now);
    if (!('values' in checked)) throw new Error(JSON.stringify(checked));
    expect(sessionPatch(checked.values, form.venueId, session)).toEqual({
      capacity: 80,
      endsAt: '2030-03-08T09:00:00.000Z',
    });
  });
});
