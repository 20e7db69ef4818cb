/**
 * Every instant the API stores or answers with lies in [2000-01-01, 2101-01-01). A wider input
 * (year 9999) would be stored, then derive a value (its end) that no response could carry, and
 * break every list that reaches it. Kept free of zod so the miniapp can check it cheaply.
 */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('2100-12-31T23:59:59.999Z');

export const inDateRange = (date: Date): boolean =>
  date.getTime() >= EARLIEST_INSTANT.getTime() && date.getTime() <= LATEST_INSTANT.getTime();

export const DATE_RANGE_MESSAGE = 'must be between the years 2000 and 2100';
