import { randomInt } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { isDuplicateKey } from '../../platform/database';
import type { Clock } from '../../platform/deps';
import { CounterShards, counterShardsOnDriver } from './counter.model';
import { Tributes, type Tribute, type TributeKind } from './tribute.model';

/** Enough shards that 200 concurrent writers on one martyr's memorial rarely meet on one. */
export const SHARDS = 16;

/** A tribute's writer owns it for this long after insert or a repair claim; then the sweeper may
 * claim it. Writers stop before any add once their own window has passed (`WRITE_WINDOW_MS`), so
 * two writers never add the same tribute after its guard was cleared. */
export const REPAIR_LEASE_MS = 5 * 60_000;
export const WRITE_WINDOW_MS = 60_000;

export const memorialKey = (id: Types.ObjectId) => `memorial:${id.toHexString()}`;
export const campaignKey = (id: Types.ObjectId) => `campaign:${id.toHexString()}`;
export const randomShard = () => randomInt(SHARDS);

export type Totals = Record<TributeKind | 'all', number>;

/**
 * Adds one tribute to its shard of every counter it targets, each exactly once, in one command:
 * per shard, the `$inc` and the push of the tribute's id onto `applying` are one atomic update
 * guarded by the id not being there yet, so a repeat after a crash moves only the shards that
 * missed it. Fewer shards matching means some do not exist yet (or took it on an earlier attempt):
 * they are created and the add repeated. Returns false, leaving the rest to the repair sweeper,
 * when `deadline` passes before an add.
 */
async function addOnce(connection: Connection, tribute: Tribute, deadline: Date, clock: Clock): Promise<boolean> {
  const id = tribute._id.toHexString();
  const shardIds = tribute.targets.map((key) => `${key}:${tribute.shard}`);
  // The rare creation below keeps mongoose for the schema's defaults.
  const add = () =>
    counterShardsOnDriver(connection).updateMany(
      { _id: { $in: shardIds }, applying: { $ne: id } },
      { $inc: { [tribute.kind]: 1 }, $push: { applying: id } },
    );
  if (clock.now() >= deadline) return false;
  if ((await add()).matchedCount === shardIds.length) return true;
  for (const [index, key] of tribute.targets.entries()) {
    try {
      await CounterShards(connection).updateOne({ _id: shardIds[index] }, { $setOnInsert: { key } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  if (clock.now() >= deadline) return false;
  // Whatever matches nothing now already holds the id: added by an earlier attempt.
  await add();
  return true;
}

/**
 * Brings every counter a tribute targets up to date with it, then marks it counted and clears
 * the guards. Returns false, leaving the rest to the repair sweeper, when `deadline` has passed.
 */
export async function countTribute(connection: Connection, tribute: Tribute, deadline: Date, clock: Clock) {
  if (!(await addOnce(connection, tribute, deadline, clock))) return false;
  await Tributes(connection).collection.updateOne({ _id: tribute._id }, { $set: { counted: true } });
  // Only after `counted` is set: until then a repeat must still find the guard.
  const id = tribute._id.toHexString();
  await counterShardsOnDriver(connection).updateMany(
    { _id: { $in: tribute.targets.map((key) => `${key}:${tribute.shard}`) } },
    { $pull: { applying: id } },
  );
  return true;
}

/** The live totals of each key: the sum of its shards. */
export async function readTotals(connection: Connection, keys: readonly string[]): Promise<Map<string, Totals>> {
  const totals = new Map<string, Totals>(
    keys.map((key) => [key, { flower: 0, candle: 0, incense: 0, message: 0, all: 0 }]),
  );
  const shards = await CounterShards(connection)
    .find({ key: { $in: [...keys] } }, { key: 1, flower: 1, candle: 1, incense: 1, message: 1 })
    .lean();
  for (const shard of shards) {
    const sum = totals.get(shard.key)!;
    sum.flower += shard.flower;
    sum.candle += shard.candle;
    sum.incense += shard.incense;
    sum.message += shard.message;
    sum.all += shard.flower + shard.candle + shard.incense + shard.message;
  }
  return totals;
}

/** Finishes tributes whose writer died between inserting and counting them. Each is claimed by
 * moving its lease forward, so two sweepers never work on one tribute at once. */
export async function repairUncounted(connection: Connection, clock: Clock): Promise<Record<string, number>> {
  let repaired = 0;
  for (;;) {
    const now = clock.now();
    const claimed = await Tributes(connection)
      .findOneAndUpdate(
        { counted: false, leaseUntil: { $lte: now } },
        { $set: { leaseUntil: new Date(now.getTime() + REPAIR_LEASE_MS) } },
        { returnDocument: 'after', lean: true },
      )
      .exec();
    if (!claimed) break;
    const deadline = new Date(now.getTime() + WRITE_WINDOW_MS);
    if (await countTribute(connection, claimed, deadline, clock)) repaired += 1;
    else break;
  }
  return repaired > 0 ? { repaired } : {};
}
