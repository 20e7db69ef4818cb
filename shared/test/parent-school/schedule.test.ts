import { describe, expect, it } from 'vitest';
import {
  bookingPhase,
  canCancel,
  checkInOpen,
  scheduleIssues,
  type SessionTimes,
} from '../../src/parent-school/schedule';

const at = (hhmm: string) => new Date(`2030-05-10T${hhmm}:00+08:00`);

const times: SessionTimes = {
  startsAt: at('16:00'),
  endsAt: at('16:30'),
  bookingOpensAt: at('08:00'),
  bookingClosesAt: at('15:30'),
  cancelCutoffMinutes: 60,
};

describe('bookingPhase', () => {
  it.each([
    ['07:59', 'not_open'],
    ['08:00', 'open'],
    ['15:29', 'open'],
    ['15:30', 'closed'],
    ['16:00', 'started'],
    ['18:00', 'started'],
  ] as const)('at %s it is %s', (clock, phase) => {
    expect(bookingPhase(times, at(clock))).toBe(phase);
  });
});

describe('canCancel', () => {
  it('allows cancelling until the cut-off before the start and not after', () => {
    expect(canCancel(times, at('14:59'))).toBe(true);
    expect(canCancel(times, at('15:00'))).toBe(false);
  });

  it('without a cut-off allows cancelling until the start', () => {
    const noCutoff = { ...times, cancelCutoffMinutes: 0 };
    expect(canCancel(noCutoff, at('15:59'))).toBe(true);
    expect(canCancel(noCutoff, at('16:00'))).toBe(false);
  });
});

describe('checkInOpen', () => {
  it('opens three hours before the start and closes three hours after the end', () => {
    expect(checkInOpen(times, at('12:59'))).toBe(false);
    expect(checkInOpen(times, at('13:00'))).toBe(true);
    expect(checkInOpen(times, at('19:30'))).toBe(true);
    expect(checkInOpen(times, at('19:31'))).toBe(false);
  });
});

describe('scheduleIssues', () => {
  it('accepts a consistent future schedule', () => {
    expect(scheduleIssues(times, at('07:00'))).toEqual([]);
  });

  it('names each inconsistent field', () => {
    const issues = scheduleIssues(
      { ...times, endsAt: at('15:00'), bookingOpensAt: at('17:00'), bookingClosesAt: at('16:30') },
      at('16:10'),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'bookingClosesAt',
      'bookingClosesAt',
      'endsAt',
      'startsAt',
    ]);
  });
});
