// The charging yardstick: the smallest correct "reserve any free port of this site" written
// straight on the driver, with the guarantees the real route gives the rush — a valid access
// token of an account that is not revoked, an idempotency key claimed on a unique index and its
// answer stored, one guarded `$inc` that never puts two charges on a port, and one active charge
// per resident (a partial unique index). None of the rest (schemas, problem documents, views,
// the reminder, crash repair, opening hours): `rps / ceiling_rps` is how close the BFF comes.
import { createServer, type IncomingMessage } from 'node:http';
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import { bearerToken, verifyAccessToken, type JwtConfig } from '@warmcity/bff/platform/session';

export const CHARGING_CEILING_COLLECTIONS = {
  ports: 'ceiling_charging_ports',
  charges: 'ceiling_charging_charges',
  idempotency: 'ceiling_charging_idempotency',
} as const;

const GRACE_MS = 15 * 60_000;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startChargingCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const ports = db.collection<{ _id: ObjectId; siteId: ObjectId; capacity: number; booked: number }>(
    CHARGING_CEILING_COLLECTIONS.ports,
  );
  const charges = db.collection(CHARGING_CEILING_COLLECTIONS.charges);
  const keys = db.collection(CHARGING_CEILING_COLLECTIONS.idempotency);
  const revocations = db.collection<{ _id: string }>('account_revocations');
  await ports.createIndex({ siteId: 1 });
  await charges.createIndex({ holder: 1 }, { unique: true, partialFilterExpression: { status: 'confirmed' } });
  await keys.createIndex({ userId: 1, key: 1 }, { unique: true });

  const answer = async (userId: string, key: string, status: number, body: unknown): Promise<[number, unknown]> => {
    await keys.updateOne({ userId, key }, { $set: { state: 'done', status, body } });
    return [status, body];
  };

  async function reserve(userId: string, key: string, siteId: ObjectId): Promise<[number, unknown]> {
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
    const port = await ports.findOneAndUpdate(
      { siteId, $expr: { $lt: ['$booked', '$capacity'] } },
      { $inc: { booked: 1 } },
      { projection: { _id: 1 } },
    );
    if (!port) return answer(userId, key, 409, { code: 'NO_FREE_PORT' });
    const charge = {
      _id: new ObjectId(),
      pool: port._id,
      siteId,
      holder: userId,
      status: 'confirmed',
      expiresAt: new Date(Date.now() + GRACE_MS),
    };
    try {
      await charges.insertOne(charge);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
      await ports.updateOne({ _id: port._id }, { $inc: { booked: -1 } });
      return answer(userId, key, 409, { code: 'ACTIVE_CHARGE_EXISTS' });
    }
    return answer(userId, key, 201, { id: charge._id.toHexString(), port: { id: port._id.toHexString() } });
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
        const siteId = (body as { siteId?: unknown }).siteId;
        if (typeof siteId !== 'string' || !ObjectId.isValid(siteId)) return [400, { code: 'INVALID' }];
        return reserve(user.id, key, new ObjectId(siteId));
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
