// China has no daylight saving: UTC+8 all year, so its day starts at 16:00 UTC the day before.
const CHINA_OFFSET = 8 * 3_600_000;
export const DAY = 86_400_000;

/** The China-time calendar day of an instant, YYYY-MM-DD. */
export const chinaDate = (at: Date) => new Date(at.getTime() + CHINA_OFFSET).toISOString().slice(0, 10);

/** The UTC instants a China-time calendar day runs between, end excluded. */
export function chinaDay(date: string) {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET);
  return { start, end: new Date(start.getTime() + DAY) };
}
