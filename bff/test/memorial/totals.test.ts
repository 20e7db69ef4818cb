import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterShards } from '../../src/features/memorial/counter.model';
import { campaignKey, memorialKey } from '../../src/features/memorial/counters';
import { tributeCountRepair } from '../../src/features/memorial/sweepers';
import { Tributes } from '../../src/features/memorial/tribute.model';
import { base, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
beforeAll(async () => {
  app = await startMemorialApp();
});
afterAll(() => app?.close());

const HOUR = 3_600_000;

/** `count` calls with `width` of them in flight at any moment: more open sockets than the
 * server's listen backlog would be refused by the kernel, not by the app. */
async function inParallel<T>(count: number, width: number, send: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await send(index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

async function campaignNow() {
  const now = Date.now();
  const created = await app.post(app.staff, '/staff/campaigns', {
    cemeteryId: app.cemeteryId,
    name: '清明·网上祭英烈',
    startsAt: new Date(now - HOUR).toISOString(),
    endsAt: new Date(now + HOUR).toISOString(),
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

describe('totals under concurrency', () => {
  it('1,000 parallel tributes from distinct residents: the public totals equal exactly what was accepted', async () => {
    const memorial = await app.createMemorial(app.resident(), { visibility: 'public', name: '陈守义' });
    const campaignId = await campaignNow();
    const kinds = ['flower', 'candle', 'incense'] as const;
    const answers = await inParallel(1000, 250, (index) =>
      app.tribute(app.resident(), memorial.code, { kind: kinds[index % 3] }),
    );
    const accepted = answers.filter((answer) => answer.status === 201).length;
    expect(accepted).toBe(1000);

    const page = await app.request('GET', `${base}/codes/${memorial.code}`);
    expect(page.body.totals).toEqual({ flower: 334, candle: 333, incense: 333, message: 0, all: 1000 });
    const campaign = await app.request('GET', `${base}/campaigns/${campaignId}`);
    expect(campaign.body.totals.all).toBe(1000);
    expect(await Tributes(app.connection).countDocuments({ memorialId: memorial.id, counted: true })).toBe(1000);
    // Spread over shards, and every guard cleared.
    const shards = await CounterShards(app.connection)
      .find({ key: memorialKey(new Types.ObjectId(memorial.id)) })
      .lean();
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.flatMap((shard) => shard.applying)).toEqual([]);
  }, 180_000);

  it('a writer that died after one counter moved is finished by the sweeper without counting twice', async () => {
    const memorial = await app.createMemorial(app.resident(), { visibility: 'public', name: '周怀民' });
    const campaignId = await campaignNow();
    expect((await app.tribute(app.resident(), memorial.code, { kind: 'flower' })).status).toBe(201);

    // What a request leaves when it dies after the memorial's shard took the tribute but before
    // the campaign's did and before `counted` was set.
    const id = new Types.ObjectId();
    const now = new Date();
    const mKey = memorialKey(new Types.ObjectId(memorial.id));
    const cKey = campaignKey(new Types.ObjectId(campaignId));
    await Tributes(app.connection).create({
      _id: id,
      memorialId: memorial.id,
      cemeteryId: app.cemeteryId,
      authorId: new Types.ObjectId(),
      kind: 'flower',
      text: null,
      status: null,
      targets: [mKey, cKey],
      shard: 3,
      counted: false,
      leaseUntil: new Date(now.getTime() + 5 * 60_000),
      createdAt: now,
    });
    await CounterShards(app.connection).updateOne(
      { _id: `${mKey}:3` },
      { $setOnInsert: { key: mKey }, $inc: { flower: 1 }, $push: { applying: id.toHexString() } },
      { upsert: true },
    );

    const totals = async () => ({
      memorial: (await app.request('GET', `${base}/codes/${memorial.code}`)).body.totals.flower,
      campaign: (await app.request('GET', `${base}/campaigns/${campaignId}`)).body.totals.flower,
    });
    // Within the writer's lease the sweeper leaves it alone.
    expect(await tributeCountRepair.tick({ ...app.deps, clock: { now: () => now } })).toEqual({});
    expect(await totals()).toEqual({ memorial: 2, campaign: 1 });

    const later = { now: () => new Date(now.getTime() + 6 * 60_000) };
    expect(await tributeCountRepair.tick({ ...app.deps, clock: later })).toEqual({ repaired: 1 });
    expect(await totals()).toEqual({ memorial: 2, campaign: 2 });
    expect(await tributeCountRepair.tick({ ...app.deps, clock: later })).toEqual({});
    expect(await totals()).toEqual({ memorial: 2, campaign: 2 });
  });
});
