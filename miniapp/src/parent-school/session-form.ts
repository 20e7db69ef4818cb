import type { SessionView } from '@warmcity/shared/api/parent-school';
import {
  MAX_CANCEL_CUTOFF_MINUTES,
  MAX_SESSION_CAPACITY,
  MINUTE_MS,
  scheduleIssues,
  type ScheduleIssue,
  type ScheduleIssueCode,
} from '@warmcity/shared/parent-school/schedule';
import { wholeNumberIn } from '../kit/validators';
import { clock, cstDate, cstMidnight } from '../kit/time';

/**
 * The staff session form as typed (dates and times in China Standard Time, numbers as text), and
 * its translation to the contract's bodies. The rules are the BFF's own (`scheduleIssues`), so
 * staff see the same refusal before sending that the server would give after.
 */
export interface SessionForm {
  courseId: string;
  venueId: string;
  /** `2026-11-29` */
  date: string;
  /** `16:20` */
  startTime: string;
  endTime: string;
  capacity: string;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  cancelCutoffMinutes: string;
}

export type SessionField = keyof SessionForm;
export type FormErrors = Partial<Record<SessionField, string>>;

export interface SessionValues {
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  capacity: number;
  cancelCutoffMinutes: number;
}

/** The schedule rules' codes (shared/src/parent-school/schedule.ts) as staff read them. */
export const scheduleTexts: Record<ScheduleIssueCode, string> = {
  OUT_OF_DATE_RANGE: '时间超出可设置的范围',
  STARTS_NOT_IN_FUTURE: '开课时间须晚于现在',
  ENDS_NOT_AFTER_START: '结束时间须晚于开课时间',
  CLOSES_NOT_AFTER_OPENS: '预约截止须晚于预约开放',
  CLOSES_AFTER_START: '预约截止不能晚于开课',
};

/** Where on the form each checked time is typed. */
const issueFields: Record<ScheduleIssue['path'], SessionField> = {
  startsAt: 'startTime',
  endsAt: 'endTime',
  bookingOpensAt: 'opensTime',
  bookingClosesAt: 'closesTime',
};

const scheduleText = (code: string | undefined) =>
  code && Object.prototype.hasOwnProperty.call(scheduleTexts, code)
    ? scheduleTexts[code as ScheduleIssueCode]
    : undefined;

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const isTime = (s: string) => /^\d{2}:\d{2}$/.test(s);
/** `16:20` plus 30 minutes is `16:50`: the end a course's length suggests. */
export const endTimeAfter = (time: string, minutes: number) =>
  clock(new Date(at('2000-01-01', time).getTime() + minutes * MINUTE_MS).toISOString());

/** Tomorrow at pick-up time, bookable from now until the start: what staff change least. */
export function newSessionForm(now: Date, durationMinutes = 30): SessionForm {
  const date = cstDate(cstMidnight(cstDate(now.toISOString()), 1));
  const startTime = '16:20';
  return {
    courseId: '',
    venueId: '',
    date,
    startTime,
    endTime: endTimeAfter(startTime, durationMinutes),
    capacity: '50',
    opensDate: cstDate(now.toISOString()),
    opensTime: clock(now.toISOString()),
    closesDate: date,
    closesTime: startTime,
    cancelCutoffMinutes: '0',
  };
}

export function sessionFormOf(session: SessionView): SessionForm {
  return {
    courseId: session.course.id,
    venueId: session.venue.id,
    date: cstDate(session.startsAt),
    startTime: clock(session.startsAt),
    endTime: clock(session.endsAt),
    capacity: String(session.capacity),
    opensDate: cstDate(session.bookingOpensAt),
    opensTime: clock(session.bookingOpensAt),
    closesDate: cstDate(session.bookingClosesAt),
    closesTime: clock(session.bookingClosesAt),
    cancelCutoffMinutes: String(session.cancelCutoffMinutes),
  };
}

/** Either the values to send or, per field, why not. */
export function checkSessionForm(form: SessionForm, now: Date): { values: SessionValues } | { errors: FormErrors } {
  const errors: FormErrors = {};
  if (!form.courseId) errors.courseId = '请选择课程';
  if (!form.venueId) errors.venueId = '请选择场地';
  if (!isDate(form.date) || !isTime(form.startTime)) errors.startTime = '请选择开课日期和时间';
  if (!isTime(form.endTime)) errors.endTime = '请选择结束时间';
  if (!isDate(form.opensDate) || !isTime(form.opensTime)) errors.opensTime = '请选择预约开放时间';
  if (!isDate(form.closesDate) || !isTime(form.closesTime)) errors.closesTime = '请选择预约截止时间';
  const capacity = wholeNumberIn(form.capacity, 1, MAX_SESSION_CAPACITY);
  if (capacity === null) errors.capacity = `座位数须为 1 到 ${MAX_SESSION_CAPACITY} 的整数`;
  const cutoff = wholeNumberIn(form.cancelCutoffMinutes, 0, MAX_CANCEL_CUTOFF_MINUTES);
  if (cutoff === null) errors.cancelCutoffMinutes = `取消截止须为 0 到 ${MAX_CANCEL_CUTOFF_MINUTES} 分钟`;
  if (Object.keys(errors).length > 0 || capacity === null || cutoff === null) return { errors };

  const times = {
    startsAt: at(form.date, form.startTime),
    endsAt: at(form.date, form.endTime),
    bookingOpensAt: at(form.opensDate, form.opensTime),
    bookingClosesAt: at(form.closesDate, form.closesTime),
    cancelCutoffMinutes: cutoff,
  };
  for (const issue of scheduleIssues(times, now)) {
    errors[issueFields[issue.path]] ??= scheduleTexts[issue.code];
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    values: {
      startsAt: times.startsAt.toISOString(),
      endsAt: times.endsAt.toISOString(),
      bookingOpensAt: times.bookingOpensAt.toISOString(),
      bookingClosesAt: times.bookingClosesAt.toISOString(),
      capacity,
      cancelCutoffMinutes: cutoff,
    },
  };
}

/** Only what staff changed, so an edit never re-sends (and re-checks) a time nobody touched. */
export function sessionPatch(
  values: SessionValues,
  venueId: string,
  session: SessionView,
): Partial<SessionValues & { venueId: string }> {
  const patch: Partial<SessionValues & { venueId: string }> = {};
  if (venueId !== session.venue.id) patch.venueId = venueId;
  for (const key of ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt'] as const) {
    if (Date.parse(values[key]) !== Date.parse(session[key])) patch[key] = values[key];
  }
  if (values.capacity !== session.capacity) patch.capacity = values.capacity;
  if (values.cancelCutoffMinutes !== session.cancelCutoffMinutes)
    patch.cancelCutoffMinutes = values.cancelCutoffMinutes;
  return patch;
}

const bodyFields: Record<string, SessionField> = {
  'body.courseId': 'courseId',
  'body.venueId': 'venueId',
  'body.startsAt': 'startTime',
  'body.endsAt': 'endTime',
  'body.bookingOpensAt': 'opensTime',
  'body.bookingClosesAt': 'closesTime',
  'body.capacity': 'capacity',
  'body.cancelCutoffMinutes': 'cancelCutoffMinutes',
};

/** Field errors the BFF sent back (its clock decides "in the future"), placed under their fields. */
export function serverErrors(
  errors: ReadonlyArray<{ path: string; message?: string; code?: string }> | undefined,
): FormErrors {
  const placed: FormErrors = {};
  for (const { path, code } of errors ?? []) {
    const field = bodyFields[path];
    if (field) placed[field] ??= scheduleText(code) ?? '请检查此项';
  }
  return placed;
}
