// The charging yardstick: the smallest correct "reserve any free port of this site" written
// straight on the driver, with the guarantees the real route gives the rush — a valid access
// token of an account that is not revoked, an idempotency key claimed on a unique index and its
// answer stored, one guarded `$inc` that never puts two charges on a port, and one active charge
// per resident (a partial unique index). None of the rest (schemas, problem documents, views,
// the reminder, crash repair, opening hours): `rps / ceiling_rps` is how close the BFF comes.
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import type { JwtConfig } from '@warmcity/bff/platform/session';
import { admit, serveCeiling, type CeilingAnswer } from './server';

export const CHARGING_CEILING_COLLECTIONS = {
  ports: 'ceiling_charging_ports',
  charges: 'ceiling_charging_charges',
  idempotency: 'ceiling_charging_idempotency',
} as const;

const GRACE_MS = 15 * 60_000;

export async function startChargingCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const ports = db.collection<{ _id: ObjectId; siteId: ObjectId; capacity: number; booked: number }>(
    CHARGING_CEILING_COLLECTIONS.ports,
  );
  const charges = db.collection(CHARGING_CEILING_COLLECTIONS.charges);
  const keys = db.collection(CHARGING_CEILING_COLLECTIONS.idempotency);
  await ports.createIndex({ siteId: 1 });
  await charges.createIndex({ holder: 1 }, { unique: true, partialFilterExpression: { status: 'confirmed' } });
  await keys.createIndex({ userId: 1, key: 1 }, { unique: true });

  const answer = async (userId: string, key: string, status: number, body: unknown): Promise<CeilingAnswer> => {
    await keys.updateOne({ userId, key }, { $set: { state: 'done', status, body } });
    return [status, body];
  };

  async function reserve(userId: string, key: string, siteId: ObjectId): Promise<CeilingAnswer> {
    const refused = await admit(db, keys, userId, key);
    if (refused) return refused;
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

  return serveCeiling(db, jwt, (userId, key, body) => {
    const siteId = (body as { siteId?: unknown }).siteId;
    if (typeof siteId !== 'string' || !ObjectId.isValid(siteId)) return [400, { code: 'INVALID' }];
    return reserve(userId, key, new ObjectId(siteId));
  });
}
