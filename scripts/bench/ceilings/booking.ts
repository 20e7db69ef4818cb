// The booking yardstick: the smallest correct "book one place" written straight on the driver,
// with the guarantees the real route gives a burst — a valid access token of an account that is
// not revoked, an idempotency key claimed on a unique index and its answer stored, never more
// confirmed places than the capacity (one guarded `$inc`), one booking per resident per session
// (a unique index), and a waitlist ticket when full. It has none of the rest (schemas, problem
// documents, views, reminders, crash repair), which is the point: `rps / ceiling_rps` is how
// close the BFF comes to what the database allows.
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import type { JwtConfig } from '@warmcity/bff/platform/session';
import { admit, serveCeiling, type CeilingAnswer } from './server';

export const CEILING_COLLECTIONS = {
  sessions: 'ceiling_sessions',
  bookings: 'ceiling_bookings',
  idempotency: 'ceiling_idempotency',
} as const;

interface CeilingSession {
  _id: ObjectId;
  capacity: number;
  booked: number;
  waitSeq: number;
}

export async function startBookingCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const sessions = db.collection<CeilingSession>(CEILING_COLLECTIONS.sessions);
  const bookings = db.collection(CEILING_COLLECTIONS.bookings);
  const keys = db.collection(CEILING_COLLECTIONS.idempotency);
  await bookings.createIndex({ pool: 1, holder: 1 }, { unique: true });
  await keys.createIndex({ userId: 1, key: 1 }, { unique: true });

  async function book(userId: string, key: string, sessionId: ObjectId): Promise<CeilingAnswer> {
    const refused = await admit(db, keys, userId, key);
    if (refused) return refused;
    const counted = await sessions.findOneAndUpdate(
      { _id: sessionId, $expr: { $lt: ['$booked', '$capacity'] } },
      { $inc: { booked: 1 } },
      { projection: { _id: 1 } },
    );
    const waiting = counted
      ? null
      : await sessions.findOneAndUpdate(
          { _id: sessionId },
          { $inc: { waitSeq: 1 } },
          { returnDocument: 'after', projection: { waitSeq: 1 } },
        );
    if (!counted && !waiting) return [404, { code: 'NOT_FOUND' }];
    const booking = {
      _id: new ObjectId(),
      pool: sessionId,
      holder: userId,
      status: counted ? 'confirmed' : 'waitlisted',
      ...(waiting ? { ticket: waiting.waitSeq } : {}),
    };
    try {
      await bookings.insertOne(booking);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      if (counted) await sessions.updateOne({ _id: sessionId }, { $inc: { booked: -1 } });
      return [409, { code: 'ALREADY_BOOKED' }];
    }
    const answer = { id: booking._id.toHexString(), status: booking.status };
    await keys.updateOne({ userId, key }, { $set: { state: 'done', status: 201, body: answer } });
    return [201, answer];
  }

  return serveCeiling(db, jwt, (userId, key, body) => {
    const sessionId = (body as { sessionId?: unknown }).sessionId;
    if (typeof sessionId !== 'string' || !ObjectId.isValid(sessionId)) return [400, { code: 'INVALID' }];
    return book(userId, key, new ObjectId(sessionId));
  });
}
