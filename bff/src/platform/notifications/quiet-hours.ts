/**
 * 22:00–08:00 China time nobody is woken by a push that can wait. China has no daylight saving,
 * so Asia/Shanghai is a fixed UTC+8 and no time-zone database is needed.
 */
const OFFSET_MS = 8 * 3600_000;
const HOUR_MS = 3600_000;
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 8;

/** The first moment at or after `at` when a non-urgent push may go out. */
export function afterQuietHours(at: Date): Date {
  const local = at.getTime() + OFFSET_MS;
  const dayStart = Math.floor(local / (24 * HOUR_MS)) * 24 * HOUR_MS;
  const hour = (local - dayStart) / HOUR_MS;
  if (hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR) return at;
  const morning = dayStart + QUIET_UNTIL_HOUR * HOUR_MS + (hour >= QUIET_FROM_HOUR ? 24 * HOUR_MS : 0);
  return new Date(morning - OFFSET_MS);
}
