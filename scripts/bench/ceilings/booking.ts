// The booking yardstick: the smallest correct "book one place" written straight on the driver,
// with the guarantees the real route gives a burst — a valid access token of an account that is
// not revoked, an idempotency key claimed on a unique index and its answer stored, never more
// confirmed places than the capacity (one guarded `$inc`), one booking per resident per session
// (a unique index), and a waitlist ticket when full. It has none of the rest (schemas, problem
// documents, views, reminders, crash repair), which is the point: `rps / ceiling_rps` is how
// close the BFF comes to what the database allows.
import { createServer, type IncomingMessage } from 'node:http';
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import { bearerToken, verifyAccessToken, type JwtConfig } from '@warmcity/bff/platform/session';

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

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startBookingCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const sessions = db.collection<CeilingSession>(CEILING_COLLECTIONS.sessions);
  const bookings = db.collection(CEILING_COLLECTIONS.bookings);
  const keys = db.collection(CEILING_COLLECTIONS.idempotency);
  const revocations = db.collection<{ _id: string }>('account_revocations');
  await bookings.createIndex({ pool: 1, holder: 1 }, { unique: true });
  await keys.createIndex({ userId: 1, key: 1 }, { unique: true });

  async function book(userId: string, key: string, sessionId: ObjectId): Promise<[number, unknown]> {
    if (await revocations.findOne({ _id: userId }, { projection: { _id: 1 } })) return [401, { code: 'INACTIVE' }];
    try {
      await keys.insertOne({ userId, key, state: 'running', createdAt: new Date() });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) {
        const done = await keys.findOne({ userId, key });
        return done?.state === 'done' ? [done.status as number, done.body] : [409, { code: 'IN_PROGRESS' }];
      }
      throw error;
    }
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

  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method === 'GET') {
      // What `warm` calls: a ping through the pool, like the BFF's /readyz.
      db.command({ ping: 1 }).then(
        () => reply(200, { ok: true }),
        () => reply(503, { ok: false }),
      );
      return;
    }
    const user = verifyAccessToken(jwt, bearerToken(request.headers.authorization) ?? '');
    const key = request.headers['idempotency-key'];
    if (!user || typeof key !== 'string') return reply(401, { code: 'UNAUTHENTICATED' });
    readJson(request)
      .then((body): [number, unknown] | Promise<[number, unknown]> => {
        const sessionId = (body as { sessionId?: unknown }).sessionId;
        if (typeof sessionId !== 'string' || !ObjectId.isValid(sessionId)) return [400, { code: 'INVALID' }];
        return book(user.id, key, new ObjectId(sessionId));
      })
      .then(([status, body]) => reply(status, body))
      .catch(() => reply(500, { code: 'INTERNAL' }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}
