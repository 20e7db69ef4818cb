/** China has no daylight saving: UTC+8 all year. */
const OFFSET_MS = 8 * 3600_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a site with these hours is open at `at`; hours that close before they open run past
 * midnight (20:00–06:00). */
export function isOpenAt(hours: { opens: string; closes: string }, at: Date): boolean {
  const local = new Date(at.getTime() + OFFSET_MS);
  const now = local.getUTCHours() * 60 + local.getUTCMinutes();
  const opens = minutesOf(hours.opens);
  const closes = minutesOf(hours.closes);
  return opens <= closes ? now >= opens && now < closes : now >= opens || now < closes;
}

/** 12月02日 15:04, as notices show times. */
export function chinaClock(at: Date): string {
  const local = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(5, 7)}月${local.slice(8, 10)}日 ${local.slice(11, 16)}`;
}
