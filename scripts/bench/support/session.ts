import mongoose from 'mongoose';
import { ensureSession, upsertCourse, upsertSchool, upsertVenue } from '@warmcity/bff/parent-school/tasks';

/** A school, venue and course of their own and one session of it, open for booking now and
 * starting `startsInMs` from now; returns the session's id. */
export async function seedBookableSession(
  connection: mongoose.Connection,
  { capacity, startsInMs }: { capacity: number; startsInMs: number },
): Promise<string> {
  const id = () => new mongoose.Types.ObjectId().toHexString();
  const [schoolId, venueId, courseId, sessionId] = [id(), id(), id(), id()];
  await upsertSchool(connection, { _id: schoolId, name: '绍兴市第一初级中学', district: '越城区' });
  await upsertVenue(connection, { _id: venueId, schoolId, name: '东校门文化长廊', address: '越城区' });
  await upsertCourse(connection, {
    _id: courseId,
    schoolId,
    title: '如何激发孩子的学习动力',
    summary: '压测',
    speaker: '沈老师',
    durationMinutes: 30,
  });
  const now = new Date();
  const startsAt = new Date(now.getTime() + startsInMs);
  await ensureSession(
    connection,
    {
      _id: sessionId,
      schoolId,
      courseId,
      venueId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 1_800_000),
      bookingOpensAt: now,
      capacity,
      cancelCutoffMinutes: 0,
    },
    now,
  );
  return sessionId;
}
