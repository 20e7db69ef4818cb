// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs
// no time-zone database.
const OFFSET_MS = 8 * 60 * 60 * 1000;

const shifted = (instant: Date) => new Date(instant.getTime() + OFFSET_MS);

/** The China calendar date of an instant, `YYYY-MM-DD`. */
export const chinaDate = (instant: Date): string => shifted(instant).toISOString().slice(0, 10);

export const chinaYear = (instant: Date): number => shifted(instant).getUTCFullYear();

/** 0 = Monday … 6 = Sunday, in China. */
export const chinaWeekday = (instant: Date): number => (shifted(instant).getUTCDay() + 6) % 7;

/** Minutes since China midnight. */
export const chinaMinuteOfDay = (instant: Date): number => {
  const local = shifted(instant);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
};

/** Whole days from one `YYYY-MM-DD` to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
