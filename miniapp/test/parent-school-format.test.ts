import { describe, expect, it } from 'vitest';
import { cstDate, cstMidnight, timeRange } from '../src/kit/time';
import { myStatusText, seatsText } from '../src/parent-school/labels';

describe('parent-school formatting', () => {
  it('shows session times in China Standard Time whatever the device zone', () => {
    expect(timeRange('2030-03-08T08:20:00Z', '2030-03-08T08:50:00Z')).toBe('3月8日 周五 16:20–16:50');
    // 23:30 UTC is already the next morning in Shaoxing.
    expect(cstDate('2030-03-07T23:30:00Z')).toBe('2030-03-08');
    expect(cstMidnight('2030-03-08', 1)).toBe('2030-03-08T16:00:00.000Z');
  });

  it('says how many seats are left, or how many wait', () => {
    const session = { status: 'scheduled' as const, capacity: 1200, seatsLeft: 3, waitlistLength: 0 };
    expect(seatsText(session)).toBe('余 3 / 1200 座');
    expect(seatsText({ ...session, seatsLeft: 0, waitlistLength: 12 })).toBe('已满 · 12 人候补');
    expect(seatsText({ ...session, status: 'cancelled' })).toBe('本场已取消');
    expect(myStatusText({ id: 'x', status: 'waitlisted', position: 4 })).toBe('候补第 4 位');
  });
});
