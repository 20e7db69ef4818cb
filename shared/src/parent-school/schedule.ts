import { DATE_RANGE_MESSAGE, inDateRange } from '../contract/date-range';

/**
 * The time rules of a parent-class session, shared so the miniapp shows the same state the BFF
 * enforces (a button is never offered for an action the server would refuse).
 */

export const MINUTE_MS = 60_000;

/** Above the largest school-gate period (1,200 parents) with room to spare; anything larger is a
 * typo. Here rather than in the contract so the miniapp checks it without loading zod. */
export const MAX_SESSION_CAPACITY = 5000;
/** A week: cancellations close at most this long before the start. */
export const MAX_CANCEL_CUTOFF_MINUTES = 7 * 24 * 60;

/** Staff may check people in from this long before the start until this long after the end:
 * parents arrive early at the school gate, and a forgotten scan is done after the class. */
export const CHECK_IN_LEAD_MS = 3 * 60 * MINUTE_MS;
export const CHECK_IN_TRAIL_MS = 3 * 60 * MINUTE_MS;

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  /** Cancelling is allowed until this many minutes before the start. */
  cancelCutoffMinutes: number;
}

export type BookingPhase = 'not_open' | 'open' | 'closed' | 'started';

/** Where a session stands for someone who wants to book it at `now`. */
export function bookingPhase(times: SessionTimes, now: Date): BookingPhase {
  if (now >= times.startsAt) return 'started';
  if (now < times.bookingOpensAt) return 'not_open';
  if (now >= times.bookingClosesAt) return 'closed';
  return 'open';
}

export function cancelDeadline(times: Pick<SessionTimes, 'startsAt' | 'cancelCutoffMinutes'>): Date {
  return new Date(times.startsAt.getTime() - times.cancelCutoffMinutes * MINUTE_MS);
}

export function canCancel(times: Pick<SessionTimes, 'startsAt' | 'cancelCutoffMinutes'>, now: Date): boolean {
  return now < cancelDeadline(times);
}

export function checkInOpen(times: Pick<SessionTimes, 'startsAt' | 'endsAt'>, now: Date): boolean {
  return (
    now.getTime() >= times.startsAt.getTime() - CHECK_IN_LEAD_MS &&
    now.getTime() <= times.endsAt.getTime() + CHECK_IN_TRAIL_MS
  );
}

/** Stable codes of the schedule rules: clients translate these, never the English message. */
export type ScheduleIssueCode =
  | 'OUT_OF_DATE_RANGE'
  | 'STARTS_NOT_IN_FUTURE'
  | 'ENDS_NOT_AFTER_START'
  | 'CLOSES_NOT_AFTER_OPENS'
  | 'CLOSES_AFTER_START';

export interface ScheduleIssue {
  path: 'startsAt' | 'endsAt' | 'bookingOpensAt' | 'bookingClosesAt';
  code: ScheduleIssueCode;
  /** For developers reading a problem document; not shown to anyone. */
  message: string;
}

/**
 * Why a schedule cannot be stored, or an empty list. Kept apart from the zod schema because the
 * rules relate fields to each other and to the clock, and an edit re-checks them against the
 * stored values it does not change.
 */
export function scheduleIssues(times: SessionTimes, now: Date): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  // Derived values (an end from the course's duration, a default close) are checked here, before
  // anything is written, against the range every response can carry.
  for (const path of ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt'] as const) {
    if (!inDateRange(times[path])) issues.push({ path, code: 'OUT_OF_DATE_RANGE', message: DATE_RANGE_MESSAGE });
  }
  if (times.startsAt <= now)
    issues.push({ path: 'startsAt', code: 'STARTS_NOT_IN_FUTURE', message: 'must be in the future' });
  if (times.endsAt <= times.startsAt)
    issues.push({ path: 'endsAt', code: 'ENDS_NOT_AFTER_START', message: 'must be after startsAt' });
  if (times.bookingClosesAt <= times.bookingOpensAt) {
    issues.push({ path: 'bookingClosesAt', code: 'CLOSES_NOT_AFTER_OPENS', message: 'must be after bookingOpensAt' });
  }
  if (times.bookingClosesAt > times.startsAt) {
    issues.push({ path: 'bookingClosesAt', code: 'CLOSES_AFTER_START', message: 'must not be after startsAt' });
  }
  return issues;
}
