/**
 * Times as residents read them, whatever time zone the phone (or the test
 * browser) is set to: sessions happen in China Standard Time.
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const inCst = (iso: string) => new Date(new Date(iso).getTime() + CST_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

export function clock(iso: string): string {
  const d = inCst(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `11月29日 周五` */
export function day(iso: string): string {
  const d = inCst(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`;
}

/** `11月29日 周五 16:20–16:50` */
export function timeRange(startsAt: string, endsAt: string): string {
  return `${day(startsAt)} ${clock(startsAt)}–${clock(endsAt)}`;
}

/** The CST calendar date of an instant, `2026-11-29`, for grouping and date filters. */
export function cstDate(iso: string): string {
  return inCst(iso).toISOString().slice(0, 10);
}

/** The instant a CST calendar date starts, as ISO, plus `days` days. */
export function cstMidnight(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();
}

/** `2026-11-29 15:00`: a moment in a record (registered, audited), in China time. */
export function dateTime(iso: string): string {
  const d = inCst(iso);
  return `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The hour of the day in China, for a greeting that fits the resident's evening. */
export const cstHour = (at: Date = new Date()) => inCst(at.toISOString()).getUTCHours();
