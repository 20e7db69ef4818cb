// The charging yardstick: the smallest correct "reserve any free port of this site" written
// straight on the driver, with the guarantees the real route gives the rush — a valid access
// token of an account that is not revoked, an idempotency key claimed on a unique index and its
// answer stored, one guarded `$inc` that never puts two charges on a port, and one active charge
// per resident (a partial unique index). None of the rest (schemas, problem documents, views,
// the reminder, crash repair, opening hours): `rps / ceiling_rps` is how close the BFF comes.
// Beside it, the sites-near yardstick (GET /public/near): the same `$geoNear` over the real sites'
// 2dsphere index and the same free-port count over the real ports, mapped by the BFF's own view,
// with no schema, router or middleware in between.
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import { siteSummaryOf } from '@warmcity/bff/charging/views';
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

  type Site = Parameters<typeof siteSummaryOf>[0] & { distanceM: number };
  const sites = db.collection('charging_sites');
  const realPorts = db.collection('charging_ports');
  async function near(url: URL): Promise<CeilingAnswer> {
    const [lng, lat, radiusM, limit] = ['lng', 'lat', 'radiusM', 'limit'].map((name) =>
      Number(url.searchParams.get(name)),
    ) as [number, number, number, number];
    if (![lng, lat, radiusM, limit].every(Number.isFinite)) return [400, { code: 'INVALID' }];
    const found = (await sites
      .aggregate([
        {
          $geoNear: {
            near: { type: 'Point', coordinates: [lng, lat] },
            key: 'location',
            distanceField: 'distanceM',
            maxDistance: radiusM,
            spherical: true,
          },
        },
        { $limit: limit },
      ])
      .toArray()) as Site[];
    const counts = await realPorts
      .aggregate<{ _id: ObjectId; total: number; free: number }>([
        { $match: { siteId: { $in: found.map((site) => site._id) } } },
        {
          $group: {
            _id: '$siteId',
            total: { $sum: 1 },
            free: { $sum: { $cond: [{ $lt: ['$booked', '$capacity'] }, 1, 0] } },
          },
        },
      ])
      .toArray();
    const bySite = new Map(counts.map((row) => [row._id.toHexString(), row]));
    const now = new Date();
    return [
      200,
      {
        items: found.map((site) => ({
          ...siteSummaryOf(site, bySite.get(site._id.toHexString()) ?? { total: 0, free: 0 }, now),
          distanceM: Math.round(site.distanceM),
        })),
      },
    ];
  }

  return serveCeiling(
    db,
    jwt,
    (userId, key, body) => {
      const siteId = (body as { siteId?: unknown }).siteId;
      if (typeof siteId !== 'string' || !ObjectId.isValid(siteId)) return [400, { code: 'INVALID' }];
      return reserve(userId, key, new ObjectId(siteId));
    },
    undefined,
    near,
  );
}
