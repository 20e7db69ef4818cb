import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ensureSession, upsertCourse, upsertSchool, upsertVenue } from '@warmcity/bff/parent-school/tasks';
import { ids } from './ids';

/**
 * 家长学校 demo data: the two Yuecheng schools of the "校门口的家长学校" programme, their venues,
 * real course titles, and a fortnight of school-day sessions at pick-up time from today on.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DAYS_AHEAD = 14;
/** Booking opens a week ahead, as parents ask to book the next course as soon as one ends. */
const OPENS_DAYS_BEFORE = 7;

/** Stable ids for seeded records, so a rerun finds what the last run made. Letters are kept in
 * the id: eighteen digits in a row would look like a resident ID number to the leak scans. */
function seedId(key: string): string {
  for (let salt = 0; ; salt += 1) {
    const id = `65f0b${createHash('sha1').update(`${key}#${salt}`).digest('hex').slice(0, 19)}`;
    if (!/\d{18}/.test(id)) return id;
  }
}

const schools = [
  { _id: ids.demoSchool, name: '绍兴市第一初级中学', district: '越城区' },
  { _id: ids.jiangongSchool, name: '绍兴市建功中学', district: '越城区' },
];

const venues = [
  { key: 'yichu-gate', schoolId: ids.demoSchool, name: '东校门文化长廊', address: '越城区环城北路一初中东校门外' },
  { key: 'yichu-hall', schoolId: ids.demoSchool, name: '家长驿站（雨天）', address: '越城区一初中东校门旁家长驿站' },
  { key: 'jiangong-gate', schoolId: ids.jiangongSchool, name: '南校门广场', address: '越城区建功中学南校门外广场' },
];

const courses = [
  {
    key: 'goals',
    schoolId: ids.demoSchool,
    title: '孩子制定的目标实现不了怎么办',
    summary: '目标定得太高还是方法不对？用三十分钟学会和孩子一起拆目标、定小步子、复盘不指责。',
    speaker: '越城区家庭教育讲师团 周老师',
  },
  {
    key: 'motivation',
    schoolId: ids.demoSchool,
    title: '如何激发孩子的学习动力',
    summary: '从“要我学”到“我要学”：内在动机从哪里来，家长的哪些话会悄悄浇灭孩子的兴趣。',
    speaker: '绍兴市第一初级中学 心理教师 沈老师',
  },
  {
    key: 'phones',
    schoolId: ids.demoSchool,
    title: '手机与孩子：规则怎么定',
    summary: '和孩子一起商量用机规则，约定比没收更管用。',
    speaker: '越城区家庭教育讲师团 钱老师',
  },
  {
    key: 'adolescence',
    schoolId: ids.jiangongSchool,
    title: '青春期亲子沟通的三个小技巧',
    summary: '孩子不愿意说话时，家长先听、少评判、多陪伴。',
    speaker: '绍兴市建功中学 德育处 陈老师',
  },
  {
    key: 'exam-stress',
    schoolId: ids.jiangongSchool,
    title: '陪孩子度过考试焦虑',
    summary: '识别焦虑信号，帮孩子把紧张变成准备。',
    speaker: '越城区未成年人心理辅导站 孙老师',
  },
];

/** One session a school day per school, at the gate while parents wait for pick-up (16:20). */
function plannedSessions(now: Date) {
  const todayShanghai = Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS;
  const plan = [];
  for (let day = 0; day <= DAYS_AHEAD; day += 1) {
    const midnight = todayShanghai + day * DAY_MS;
    const weekday = new Date(midnight).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const date = new Date(midnight).toISOString().slice(0, 10);
    for (const school of schools) {
      const offered = courses.filter((c) => c.schoolId === school._id);
      const course = offered[day % offered.length]!;
      const rainy = school._id === ids.demoSchool && weekday === 3;
      const venue = venues.find(
        (v) => v.key === (rainy ? 'yichu-hall' : school._id === ids.demoSchool ? 'yichu-gate' : 'jiangong-gate'),
      )!;
      const startsAt = new Date(midnight - SHANGHAI_OFFSET_MS + (16 * 60 + 20) * 60_000);
      if (startsAt <= now) continue;
      plan.push({
        _id: seedId(`session:${school._id}:${date}`),
        schoolId: school._id,
        courseId: seedId(`course:${course.key}`),
        venueId: seedId(`venue:${venue.key}`),
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        bookingOpensAt: new Date(startsAt.getTime() - OPENS_DAYS_BEFORE * DAY_MS),
        // The gate holds a whole period's parents; the indoor 驿站 far fewer.
        capacity: rainy ? 60 : 1200,
        cancelCutoffMinutes: 30,
      });
    }
  }
  return plan;
}

/** Idempotent: schools, venues and courses are upserted by fixed id; sessions are inserted
 * only when missing, so a rerun keeps their bookings and adds the days that came into range. */
export async function seedParentSchool(connection: Connection, now = new Date()) {
  for (const school of schools) await upsertSchool(connection, school);
  for (const { key, ...venue } of venues) await upsertVenue(connection, { _id: seedId(`venue:${key}`), ...venue });
  for (const { key, ...course } of courses)
    await upsertCourse(connection, { _id: seedId(`course:${key}`), durationMinutes: 30, ...course });
  let added = 0;
  for (const session of plannedSessions(now)) if (await ensureSession(connection, session, now)) added += 1;
  return { schools: schools.length, venues: venues.length, courses: courses.length, sessionsAdded: added };
}
