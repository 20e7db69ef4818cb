import { Types, type Connection } from 'mongoose';
import { emptyPoolCounters } from '../../platform/seats/fields';
import { Courses, type Course } from './course.model';
import { forgetReferences } from './references';
import { Schools, type School } from './school.model';
import { Sessions } from './session.model';
import { Venues, type Venue } from './venue.model';

/**
 * Upserts for the demo seed and admin scripts, keyed by fixed ids so running them again changes
 * nothing. Sessions are only ever inserted: an existing one keeps its bookings and counter.
 */

/** A record as a seed writes it: ids as hex strings, which mongoose casts on the way in. */
type WithId<T> = { [K in keyof T]: T[K] extends Types.ObjectId ? string : T[K] };

const setById = async <T>(
  upsert: (id: Types.ObjectId, set: Omit<WithId<T>, '_id'>) => Promise<unknown>,
  doc: WithId<T>,
) => {
  const { _id, ...rest } = doc as WithId<T> & { _id: string };
  await upsert(new Types.ObjectId(_id), rest);
  forgetReferences();
};

export const upsertSchool = (connection: Connection, school: WithId<School>) =>
  setById<School>((_id, set) => Schools(connection).updateOne({ _id }, { $set: set }, { upsert: true }), school);

export const upsertVenue = (connection: Connection, venue: WithId<Venue>) =>
  setById<Venue>((_id, set) => Venues(connection).updateOne({ _id }, { $set: set }, { upsert: true }), venue);

export const upsertCourse = (connection: Connection, course: WithId<Course>) =>
  setById<Course>((_id, set) => Courses(connection).updateOne({ _id }, { $set: set }, { upsert: true }), course);

export interface SessionSeed {
  _id: string;
  schoolId: string;
  courseId: string;
  venueId: string;
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  capacity: number;
  cancelCutoffMinutes: number;
}

/** Inserts the session unless it exists; returns whether it was new. */
export async function ensureSession(connection: Connection, seed: SessionSeed, now: Date): Promise<boolean> {
  const result = await Sessions(connection).updateOne(
    { _id: new Types.ObjectId(seed._id) },
    {
      $setOnInsert: {
        schoolId: new Types.ObjectId(seed.schoolId),
        courseId: new Types.ObjectId(seed.courseId),
        venueId: new Types.ObjectId(seed.venueId),
        status: 'scheduled',
        startsAt: seed.startsAt,
        endsAt: seed.endsAt,
        bookingOpensAt: seed.bookingOpensAt,
        bookingClosesAt: seed.startsAt,
        cancelCutoffMinutes: seed.cancelCutoffMinutes,
        capacity: seed.capacity,
        ...emptyPoolCounters(),
        createdAt: now,
        cancelledAt: null,
        cancelNote: null,
      },
    },
    { upsert: true },
  );
  return result.upsertedCount === 1;
}

/** The seat-repair sweeper, for fault drills that run its tick on a clock of their own. */
export { sessionSeatRepair } from './sweepers';
