import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatModels } from '../../src/platform/seats/journal';
import { repairSeats } from '../../src/platform/seats/repair';
import { SeatError } from '../../src/platform/seats/seats';
import { expireHolds } from '../../src/platform/seats/sweep';
import { startTestApp, testClock, type TestApp } from '../support/app';
import { holders, newSlots, slotModels, slotSeats, slotState, type Place, type Slot } from './pool-model';

// Hundreds of operations against one in-process devdb on two cores.
const BURST_TIMEOUT_MS = 60_000;

let app: TestApp;
let models: SeatModels<Slot, Place>;
beforeAll(async () => {
  app = await startTestApp();
  models = await slotModels(app.connection);
});
afterAll(() => app?.close());

const note = () => ({ note: 'test' });
const reasonOf = async (attempt: Promise<unknown>) => {
  try {
    await attempt;
    return 'taken';
  } catch (error) {
    if (error instanceof SeatError) return error.reason;
    throw error;
  }
};
const count = (items: string[]) =>
  Object.fromEntries([...new Set(items)].map((k) => [k, items.filter((i) => i === k).length]));

describe('quantity and pools without a waitlist', () => {
  it('a seat takes exactly its places; what does not fit is refused and writes nothing', async () => {
    const [slot] = await newSlots(models, 1, { capacity: 5, waitlist: 'none' });
    const seats = slotSeats(models, app.clock);
    const [a, b, c, d] = holders(4);
    const first = await seats.take(slot!, a!, { fields: note, places: 2 });
    await seats.take(slot!, b!, { fields: note, places: 2 });
    expect(first).toMatchObject({ outcome: 'confirmed', pool: { capacity: 5, booked: 2 } });

    const loaded = await models.pools.findById(slot).lean();
    expect(await reasonOf(seats.take(slot!, c!, { fields: note, places: 2 }, loaded!))).toBe('full');
    expect(await models.seats.countDocuments({ holder: c })).toBe(0);
    // Without the caller's copy the mechanism finds out itself, and leaves no active seat.
    expect(await reasonOf(seats.take(slot!, c!, { fields: note, places: 2 }))).toBe('full');
    expect(await models.seats.countDocuments({ holder: c, status: { $in: ['pending', 'confirmed'] } })).toBe(0);

    expect((await seats.take(slot!, d!, { fields: note, places: 1 })).outcome).toBe('confirmed');
    expect(await slotState(models, slot!)).toMatchObject({ booked: 5, confirmedPlaces: 5, journal: 0 });

    await seats.release(first.seat._id);
    expect(await slotState(models, slot!)).toMatchObject({ booked: 3, confirmedPlaces: 3, journal: 0 });
    expect((await seats.take(slot!, c!, { fields: note, places: 2 })).outcome).toBe('confirmed');
    expect(await slotState(models, slot!)).toMatchObject({ booked: 5, confirmedPlaces: 5, journal: 0 });
  });

  it('more than one place on a pool with a waitlist is refused (a freed place is one person’s)', async () => {
    const [slot] = await newSlots(models, 1, { capacity: 5 });
    const seats = slotSeats(models, app.clock);
    expect(await reasonOf(seats.take(slot!, new Types.ObjectId(), { fields: note, places: 2 }))).toBe(
      'too_many_places',
    );
    expect(await slotState(models, slot!)).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
  });

  it(
    '300 parallel 2-person takes on a 100-place pool without a waitlist: exactly 50 held',
    async () => {
      const [slot] = await newSlots(models, 1, { capacity: 100, waitlist: 'none' });
      const seats = slotSeats(models, app.clock);
      const outcomes = await Promise.all(
        holders(300).map((holder) => reasonOf(seats.take(slot!, holder, { fields: note, places: 2 }))),
      );
      expect(count(outcomes)).toEqual({ taken: 50, full: 250 });
      expect(await slotState(models, slot!)).toEqual({
        capacity: 100,
        booked: 100,
        journal: 0,
        confirmedPlaces: 100,
        confirmed: 50,
        waitlisted: 0,
      });
    },
    BURST_TIMEOUT_MS,
  );
});

describe('take one of many', () => {
  it(
    '200 parallel "any of 50 pools" takes: exactly 50 held, no pool twice, no holder twice',
    async () => {
      const site = new Types.ObjectId();
      const ports = await newSlots(models, 50, { capacity: 1, waitlist: 'none' });
      const seats = slotSeats(models, app.clock);
      const people = holders(200);
      const outcomes = await Promise.all(
        people.map((holder) => reasonOf(seats.takeAny(ports, holder, { fields: note, group: site }))),
      );
      expect(count(outcomes)).toEqual({ taken: 50, full: 150 });

      const held = await models.seats.find({ group: site, status: 'confirmed' }).lean();
      expect(held).toHaveLength(50);
      expect(new Set(held.map((s) => String(s.pool))).size).toBe(50);
      expect(new Set(held.map((s) => String(s.holder))).size).toBe(50);
      for (const port of ports)
        expect(await slotState(models, port)).toMatchObject({ booked: 1, confirmed: 1, journal: 0 });
    },
    BURST_TIMEOUT_MS,
  );

  it('one holder racing ten takes over a set gets exactly one place', async () => {
    const site = new Types.ObjectId();
    const ports = await newSlots(models, 10, { capacity: 1, waitlist: 'none' });
    const seats = slotSeats(models, app.clock);
    const [holder] = holders(1);
    const outcomes = await Promise.all(
      ports.map(() => reasonOf(seats.takeAny(ports, holder!, { fields: note, group: site }))),
    );
    expect(count(outcomes)).toEqual({ taken: 1, already_held: 9 });
    const booked = await models.pools.find({ _id: { $in: ports } }).lean();
    expect(booked.reduce((sum, p) => sum + p.booked, 0)).toBe(1);
    expect(booked.every((p) => p.journal.length === 0)).toBe(true);
  });

  it('a take-any that died after counting is confirmed by repair at the pool it counted', async () => {
    const site = new Types.ObjectId();
    const ports = await newSlots(models, 3, { capacity: 1, waitlist: 'none' });
    await slotSeats(models, app.clock).takeAny(ports, new Types.ObjectId(), { fields: note, group: site });
    const dying = slotSeats(models, app.clock, {
      failpoint: (step) => {
        if (step === 'claim:counted') throw new Error(step);
      },
    });
    const [holder] = holders(1);
    await expect(dying.takeAny(ports, holder!, { fields: note, group: site })).rejects.toThrow('claim:counted');
    const counted = await models.pools.findOne({ _id: { $in: ports }, 'journal.0': { $exists: true } }).lean();
    expect(counted).not.toBeNull();

    await repairSeats(models, counted!._id, { now: new Date(app.clock.now().getTime() + 1), staleMs: 0 });
    const seat = await models.seats.findOne({ holder }).lean();
    expect(seat).toMatchObject({ status: 'confirmed', pool: counted!._id });
    expect(await slotState(models, counted!._id)).toMatchObject({ booked: 1, confirmed: 1, journal: 0 });
  });
});

describe('holds that expire unless converted', () => {
  it('a converted hold is kept; one past its time cannot be converted', async () => {
    const clock = testClock();
    const [slot] = await newSlots(models, 1, { capacity: 2, waitlist: 'none' });
    const seats = slotSeats(models, clock);
    const [a, b] = holders(2);
    const grace = () => new Date(clock.now().getTime() + 5 * 60_000);
    const kept = await seats.hold(slot!, a!, { fields: note, expiresAt: grace() });
    const late = await seats.hold(slot!, b!, { fields: note, expiresAt: grace() });

    clock.advance(60_000);
    expect(await seats.convert(kept.seat._id, { note: 'charging' })).toMatchObject({
      expiresAt: null,
      note: 'charging',
    });
    clock.advance(5 * 60_000);
    expect(await reasonOf(seats.convert(late.seat._id))).toBe('expired');
    expect(await expireHolds(models, clock)).toEqual({ expired: 1 });
    expect(await models.seats.findById(kept.seat._id).lean()).toMatchObject({ status: 'confirmed' });
    expect(await slotState(models, slot!)).toMatchObject({ booked: 1, confirmed: 1, journal: 0 });
  });

  it('holds expired by two sweepers racing are released exactly once, and their places go to those waiting', async () => {
    const clock = testClock();
    const [slot] = await newSlots(models, 1, { capacity: 20 });
    const seats = slotSeats(models, clock);
    const expiresAt = new Date(clock.now().getTime() + 10 * 60_000);
    const held = await Promise.all(holders(20).map((h) => seats.hold(slot!, h, { fields: note, expiresAt })));
    const waiting = await Promise.all(holders(5).map((h) => seats.take(slot!, h, { fields: note })));
    expect(held.map((h) => h.outcome)).toEqual(Array(20).fill('confirmed'));
    expect(waiting.map((w) => w.outcome)).toEqual(Array(5).fill('waitlisted'));

    // Not due yet: nothing moves.
    expect(await expireHolds(models, clock)).toEqual({ expired: 0 });
    clock.advance(10 * 60_000);
    const reports = await Promise.all([expireHolds(models, clock), expireHolds(models, clock)]);
    expect(reports[0].expired + reports[1].expired).toBe(20);

    const seatsNow = await models.seats.find({ pool: slot }).lean();
    expect(count(seatsNow.map((s) => s.status))).toEqual({ expired: 20, confirmed: 5 });
    expect(new Set(seatsNow.filter((s) => s.status === 'confirmed').map((s) => String(s.seatOp))).size).toBe(5);
    expect(await slotState(models, slot!)).toMatchObject({ booked: 5, confirmed: 5, waitlisted: 0, journal: 0 });
    expect(await expireHolds(models, clock)).toEqual({ expired: 0 });
  });
});

describe('close', () => {
  it('racing takes and releases never leaves the counter off, and waits for nothing', async () => {
    const [slot] = await newSlots(models, 1, { capacity: 10 });
    const seats = slotSeats(models, app.clock);
    const early = await Promise.all(holders(8).map((h) => seats.take(slot!, h, { fields: note })));
    const outcomes = await Promise.all([
      ...holders(20).map((h) => reasonOf(seats.take(slot!, h, { fields: note }))),
      ...early.slice(0, 4).map((e) => reasonOf(seats.release(e.seat._id))),
      reasonOf(seats.close(slot!, { label: 'closed' }, { note: 'closed' })),
    ]);
    expect(outcomes.filter((o) => !['taken', 'closed', 'abandoned'].includes(o))).toEqual([]);
    expect(
      await models.seats.countDocuments({ pool: slot, status: { $in: ['pending', 'confirmed', 'waitlisted'] } }),
    ).toBe(0);
    expect(await slotState(models, slot!)).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
  });

  it('a close between a take’s count and its seat write: the seat ends cancelled, the count undone', async () => {
    const [slot] = await newSlots(models, 1, { capacity: 3 });
    const closer = slotSeats(models, app.clock);
    const racing = slotSeats(models, app.clock, {
      failpoint: async (step) => {
        if (step === 'claim:counted') await closer.close(slot!, { label: 'closed' }, { note: 'closed' });
      },
    });
    const [holder] = holders(1);
    expect(await reasonOf(racing.take(slot!, holder!, { fields: note }))).toBe('closed');
    expect(await models.seats.find({ holder }, { status: 1, _id: 0 }).lean()).toEqual([{ status: 'cancelled' }]);
    expect(await slotState(models, slot!)).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
  });
});
