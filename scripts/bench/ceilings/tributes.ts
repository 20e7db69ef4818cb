// The tributes yardstick: the smallest correct "leave a flower" written straight on the driver,
// with the guarantees the real route gives a Qingming burst — a valid access token of an account
// that is not revoked, an idempotency key claimed on a unique index and its answer stored, the
// resident's rate limit (one upsert), the memorial found by its code and the running campaigns
// it counts towards, one insert per tribute, and the same counter design the feature uses
// (bff/src/features/memorial/counters.ts): a random shard per tribute, each target's shard moved
// by one `$inc` guarded by the tribute's id in `applying`, then the tribute marked counted and
// the guards cleared. None of the rest (schemas, problem documents, views, the word filter,
// crash repair): `rps / ceiling_rps` is how close the BFF comes to what the database allows.
import { randomInt } from 'node:crypto';
import { MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import type { JwtConfig } from '@warmcity/bff/platform/session';
import { admit, serveCeiling, type CeilingAnswer } from './server';

export const TRIBUTES_CEILING_COLLECTIONS = {
  memorials: 'ceiling_memorials',
  campaigns: 'ceiling_campaigns',
  tributes: 'ceiling_tributes',
  counters: 'ceiling_tribute_counters',
  limits: 'ceiling_rate_limits',
  idempotency: 'ceiling_tribute_idempotency',
} as const;

const SHARDS = 16;
const LIMIT = 30;
const WINDOW_MS = 600_000;
const KINDS = new Set(['flower', 'candle', 'incense']);

interface Shard {
  _id: string;
  key: string;
  applying: string[];
  flower?: number;
  candle?: number;
  incense?: number;
}

/** The live total of a key, summed over its shards as the memorial page sums it. */
export async function ceilingTotal(db: Db, key: string): Promise<number> {
  const shards = await db.collection<Shard>(TRIBUTES_CEILING_COLLECTIONS.counters).find({ key }).toArray();
  return shards.reduce((sum, shard) => sum + (shard.flower ?? 0) + (shard.candle ?? 0) + (shard.incense ?? 0), 0);
}

export async function startTributesCeiling(mongoUri: string, jwt: JwtConfig): Promise<string> {
  const client = await new MongoClient(mongoUri).connect();
  const db = client.db();
  const c = TRIBUTES_CEILING_COLLECTIONS;
  const memorials = db.collection<{ _id: ObjectId; code: string; cemeteryId: ObjectId }>(c.memorials);
  const campaigns = db.collection<{ _id: ObjectId; cemeteryId: ObjectId; startsAt: Date; endsAt: Date }>(c.campaigns);
  const tributes = db.collection(c.tributes);
  const counters = db.collection<Shard>(c.counters);
  const limits = db.collection<{ _id: string; count: number }>(c.limits);
  const keys = db.collection(c.idempotency);
  await memorials.createIndex({ code: 1 }, { unique: true });
  await campaigns.createIndex({ cemeteryId: 1, startsAt: 1, endsAt: 1 });
  await counters.createIndex({ key: 1 });
  await keys.createIndex({ userId: 1, key: 1 }, { unique: true });

  async function addOnce(key: string, shard: number, kind: string, id: string) {
    const _id = `${key}:${shard}`;
    const add = () =>
      counters.updateOne({ _id, applying: { $ne: id } }, { $inc: { [kind]: 1 }, $push: { applying: id } });
    if ((await add()).matchedCount === 1) return;
    try {
      await counters.updateOne({ _id }, { $setOnInsert: { key, applying: [] } }, { upsert: true });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
    await add();
  }

  async function leave(userId: string, idempotencyKey: string, code: string, kind: string): Promise<CeilingAnswer> {
    const refused = await admit(db, keys, userId, idempotencyKey);
    if (refused) return refused;
    const memorial = await memorials.findOne({ code }, { projection: { cemeteryId: 1 } });
    if (!memorial) return [404, { code: 'NOT_FOUND' }];
    const now = new Date();
    const windowStart = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
    const counted = await limits.findOneAndUpdate(
      { _id: `tribute:${userId}:${windowStart}` },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    if ((counted?.count ?? 0) > LIMIT) return [429, { code: 'RATE_LIMITED' }];
    const running = await campaigns
      .find(
        { cemeteryId: memorial.cemeteryId, startsAt: { $lte: now }, endsAt: { $gt: now } },
        { projection: { _id: 1 } },
      )
      .toArray();
    const _id = new ObjectId();
    const id = _id.toHexString();
    const shard = randomInt(SHARDS);
    const targets = [
      `memorial:${memorial._id.toHexString()}`,
      ...running.map((r) => `campaign:${r._id.toHexString()}`),
    ];
    await tributes.insertOne({
      _id,
      memorialId: memorial._id,
      authorId: userId,
      kind,
      targets,
      shard,
      counted: false,
      createdAt: now,
    });
    for (const key of targets) await addOnce(key, shard, kind, id);
    await tributes.updateOne({ _id }, { $set: { counted: true } });
    await counters.updateMany({ _id: { $in: targets.map((key) => `${key}:${shard}`) } }, { $pull: { applying: id } });
    const answer = { id, kind, createdAt: now.toISOString() };
    await keys.updateOne({ userId, key: idempotencyKey }, { $set: { state: 'done', status: 201, body: answer } });
    return [201, answer];
  }

  return serveCeiling(db, jwt, (userId, key, body) => {
    const { code, kind } = body as { code?: unknown; kind?: unknown };
    if (typeof code !== 'string' || typeof kind !== 'string' || !KINDS.has(kind)) return [400, { code: 'INVALID' }];
    return leave(userId, key, code, kind);
  });
}
