import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { sessionSeats } from '../../src/features/parent-school/seats';
import { Sessions } from '../../src/features/parent-school/session.model';
import { sessionSeatRepair } from '../../src/features/parent-school/sweepers';
import type { Clock, Deps } from '../../src/platform/deps';
import { createLogger } from '../../src/platform/logger';
import { REPAIR_CLAIM_MS } from '../../src/platform/seats/sweep';
import { REPAIR_AFTER_MS } from '../../src/platform/seats/seats';
import { startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

class Crash extends Error {}
const oid = (id: string) => new Types.ObjectId(id);

/** One BFF instance's view of the world: the shared database, its own clock. */
const instance = (clock: Clock): Deps => ({
  connection: app.connection,
  config: app.config,
  logger: createLogger(app.config),
  clock,
  accountData: app.deps.accountData,
  paymentHooks: app.deps.paymentHooks,
  uploadHooks: app.deps.uploadHooks,
});
const at = (ms: number): Clock => ({ now: () => new Date(ms) });

/** A booking whose request died after the counter moved and before its seat was written. */
async function deadClaim(sessionId: string) {
  const holder = new Types.ObjectId();
  const dying = sessionSeats(app, {
    failpoint: (step) => {
      if (step === 'claim:counted') throw new Crash(step);
    },
  });
  const fields = () => ({
    schoolId: oid(app.schoolId),
    sessionStartsAt: new Date(Date.now() + 3_600_000),
    shortCode: String(Math.random()).slice(2, 8),
  });
  await expect(dying.take(oid(sessionId), holder, { fields })).rejects.toBeInstanceOf(Crash);
  return holder;
}

describe('the seat repair sweeper', () => {
  it('leaves a fresh entry alone: its request may still be running', async () => {
    const sessionId = await app.createSession({ capacity: 2 });
    await deadClaim(sessionId);
    expect(await sessionSeatRepair.tick(instance(at(Date.now())))).toMatchObject({ pools: 0, finished: 0 });
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 1, confirmed: 0, journal: 1 });
  });

  it('repairs a session nobody touches, exactly once, with two instances racing', async () => {
    const sessionId = await app.createSession({ capacity: 2 });
    const holder = await deadClaim(sessionId);
    const later = Date.now() + REPAIR_AFTER_MS + 1_000;
    // Sessions earlier tests left broken are due as well; each must be claimed by one instance.
    const due = await Sessions(app.connection).countDocuments({ 'journal.0': { $exists: true } });

    const reports = await Promise.all([
      sessionSeatRepair.tick(instance(at(later))),
      sessionSeatRepair.tick(instance(at(later))),
    ]);
    expect(reports[0].pools + reports[1].pools).toBe(due);
    expect(reports[0].finished + reports[1].finished).toBe(due);
    // The seat was never written, so the place goes back.
    const state = await app.seatState(sessionId);
    expect(state).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
    expect(await Bookings(app.connection).countDocuments({ holder })).toBe(0);

    // Nothing is left to claim.
    expect(await sessionSeatRepair.tick(instance(at(later)))).toMatchObject({ pools: 0 });
  });

  it('does not repair a pool another instance has claimed until that claim expires', async () => {
    const sessionId = await app.createSession({ capacity: 2 });
    await deadClaim(sessionId);
    const later = Date.now() + REPAIR_AFTER_MS + 1_000;
    // Another instance claimed it and died before repairing.
    await Sessions(app.connection).updateOne(
      { _id: sessionId },
      { $set: { repairClaimedUntil: new Date(later + REPAIR_CLAIM_MS) } },
    );

    expect(await sessionSeatRepair.tick(instance(at(later)))).toMatchObject({ pools: 0 });
    expect(await app.seatState(sessionId)).toMatchObject({ journal: 1 });

    expect(await sessionSeatRepair.tick(instance(at(later + REPAIR_CLAIM_MS + 1)))).toMatchObject({
      pools: 1,
      finished: 1,
    });
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 0, confirmed: 0, journal: 0 });
  });

  it('the session list still answers the repaired counts over HTTP', async () => {
    const sessionId = await app.createSession({ capacity: 2 });
    await deadClaim(sessionId);
    await sessionSeatRepair.tick(instance(at(Date.now() + REPAIR_AFTER_MS + 1_000)));
    const view = await app.request('GET', `/api/parent-school/sessions/${sessionId}`, { token: app.resident() });
    expect(view.status, view.text).toBe(200);
    expect(view.body.seatsLeft).toBe(2);
  });
});
