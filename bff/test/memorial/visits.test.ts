import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Visits } from '../../src/features/memorial/visit.model';
import { VisitSlots } from '../../src/features/memorial/visit-slot.model';
import { devSignIn } from '../accounts/support';
import { standingClock } from '../support/app';
import { base, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

// Hundreds of requests against one in-process devdb on two cores.
const BURST_TIMEOUT_MS = 90_000;
const HOUR = 3_600_000;

let app: MemorialTestApp;
beforeAll(async () => {
  // Still, so a check-in's stamp is exactly the clock's time.
  app = await startMemorialApp({ clock: standingClock(new Date('2027-03-20T02:00:00Z')) });
});
afterAll(() => app?.close());

async function publishSlot(capacity: number, startsInMs = 24 * HOUR, cemeteryId = app.cemeteryId) {
  const startsAt = new Date(app.clock.now().getTime() + startsInMs);
  const published = await app.post(app.staff, `/staff/cemeteries/${cemeteryId}/visit-slots`, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 1.5 * HOUR).toISOString(),
    capacity,
  });
  expect(published.status, published.text).toBe(201);
  return published.body.id as string;
}

const book = (token: string, slotId: string, companions: string[]) =>
  app.post(token, `/visit-slots/${slotId}/visits`, { companions });

async function slotState(slotId: string) {
  const slot = await VisitSlots(app.connection).findById(slotId).lean();
  const confirmed = await Visits(app.connection).find({ pool: slotId, status: 'confirmed' }).lean();
  return {
    capacity: slot!.capacity,
    booked: slot!.booked,
    journal: slot!.journal.length,
    confirmedPlaces: confirmed.reduce((sum, visit) => sum + visit.places, 0),
  };
}

describe('visit slots: capacity in persons', () => {
  it(
    '300 parallel bookings of mixed party sizes never take more persons than the slot holds',
    async () => {
      const capacity = 500;
      const slotId = await publishSlot(capacity);
      const sizes = Array.from({ length: 300 }, (_, i) => 1 + ((i * 7) % 5));
      const parties = sizes.map((size) => ({
        token: app.resident(),
        companions: Array.from({ length: size - 1 }, (_, n) => `同行${n + 1}`),
      }));

      const responses = await Promise.all(parties.map((party) => book(party.token, slotId, party.companions)));

      expect(responses.map((r) => r.status).filter((status) => status !== 201 && status !== 409)).toEqual([]);
      const refused = responses.filter((r) => r.status === 409);
      expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['VISIT_SLOT_FULL']));
      const accepted = responses.filter((r) => r.status === 201);
      for (const r of accepted) expect(r.body.places).toBe(1 + r.body.companions.length);
      const acceptedPlaces = accepted.reduce((sum, r) => sum + (r.body.places as number), 0);

      const state = await slotState(slotId);
      expect(state).toEqual({ capacity, booked: acceptedPlaces, journal: 0, confirmedPlaces: acceptedPlaces });
      expect(acceptedPlaces).toBeLessThanOrEqual(capacity);
      // Places only ever fill up here, so a party of k was refused only when fewer than k were
      // left, and fewer than that are left now.
      const smallestRefused = Math.min(...refused.map((r) => sizes[responses.indexOf(r)]!));
      expect(capacity - acceptedPlaces).toBeLessThan(smallestRefused);
      const entryCodes = new Set(accepted.map((r) => r.body.entryCode as string));
      expect(entryCodes.size).toBe(accepted.length);
    },
    BURST_TIMEOUT_MS,
  );

  it('a party that does not fit whole is refused and takes nothing; a cancel frees its places', async () => {
    const slotId = await publishSlot(6);
    const first = app.resident();
    const booked = await book(first, slotId, ['林小雨', '林大海', '王芳']);
    expect(booked.status, booked.text).toBe(201);
    expect(booked.body).toMatchObject({
      places: 4,
      companions: ['林小雨', '林大海', '王芳'],
      status: 'confirmed',
      checkedInAt: null,
      slot: { capacity: 6, booked: 4, placesLeft: 2 },
    });
    expect(booked.body.entryCode).toMatch(/^[2-9a-hjkmnp-z]{8}$/);

    const second = app.resident();
    const tooMany = await book(second, slotId, ['甲', '乙']);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('VISIT_SLOT_FULL');
    expect(await slotState(slotId)).toEqual({ capacity: 6, booked: 4, journal: 0, confirmedPlaces: 4 });

    const again = await book(first, slotId, []);
    expect(again.body.code).toBe('VISIT_ALREADY_BOOKED');

    const cancelled = await app.post(first, `/me/visits/${booked.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', slot: { booked: 0, placesLeft: 6 } });
    const twice = await app.post(first, `/me/visits/${booked.body.id}/cancel`);
    expect(twice.status).toBe(200);
    expect(twice.body.status).toBe('cancelled');
    expect(await slotState(slotId)).toEqual({ capacity: 6, booked: 0, journal: 0, confirmedPlaces: 0 });

    const now = await book(second, slotId, ['甲', '乙']);
    expect(now.status).toBe(201);
    const mine = await app.request('GET', `${base}/me/visits`, { token: second });
    expect(mine.body.items.map((v: { id: string }) => v.id)).toEqual([now.body.id]);
    const slots = await app.request('GET', `${base}/cemeteries/${app.cemeteryId}/visit-slots`);
    expect(slots.body.items.find((s: { id: string }) => s.id === slotId)).toMatchObject({ booked: 3, placesLeft: 3 });
  });

  it('a slot that has started takes no bookings and no cancellations', async () => {
    const slotId = await publishSlot(10, 2 * HOUR);
    const resident = app.resident();
    const booked = await book(resident, slotId, []);
    expect(booked.status).toBe(201);
    app.clock.advance(2 * HOUR + 1);
    try {
      expect((await book(app.resident(), slotId, [])).body.code).toBe('VISIT_SLOT_STARTED');
      expect((await app.post(resident, `/me/visits/${booked.body.id}/cancel`)).body.code).toBe('VISIT_SLOT_STARTED');
      expect((await slotState(slotId)).booked).toBe(1);
    } finally {
      app.clock.reset();
    }
  });
});

describe('visit check-in at the gate', () => {
  it('staff let a visit in once by its entry code and see companions masked', async () => {
    const slotId = await publishSlot(20);
    const resident = app.resident();
    const booked = await book(resident, slotId, ['林小雨', '欧阳娜娜']);
    const entryCode = booked.body.entryCode as string;

    const roster = await app.request('GET', `${base}/staff/visit-slots/${slotId}/visits`, { token: app.staff });
    expect(roster.body.items).toEqual([
      expect.objectContaining({ id: booked.body.id, places: 3, companions: ['林**', '欧***'], checkedInAt: null }),
    ]);
    expect(roster.text).not.toContain('林小雨');

    const checkIn = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, { entryCode });
    expect(checkIn.status, checkIn.text).toBe(200);
    expect(checkIn.body).toMatchObject({ id: booked.body.id, places: 3, companions: ['林**', '欧***'] });
    expect(checkIn.body.checkedInAt).toBe(app.clock.now().toISOString());
    expect(checkIn.text).not.toContain('小雨');

    const second = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, { entryCode });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('ALREADY_CHECKED_IN');

    const mine = await app.request('GET', `${base}/me/visits`, { token: resident });
    expect(mine.body.items[0]).toMatchObject({ id: booked.body.id, checkedInAt: checkIn.body.checkedInAt });
    const cancel = await app.post(resident, `/me/visits/${booked.body.id}/cancel`);
    expect(cancel.body.code).toBe('ALREADY_CHECKED_IN');
  });

  it('a cancel racing the check-in at the gate: exactly one of them wins, every time', async () => {
    const slotId = await publishSlot(200);
    const rounds = 12;
    const visits = await Promise.all(
      Array.from({ length: rounds }, async () => {
        const resident = app.resident();
        const booked = await book(resident, slotId, ['林小雨']);
        return { resident, id: booked.body.id as string, entryCode: booked.body.entryCode as string };
      }),
    );

    const outcomes = await Promise.all(
      visits.map(async (visit) => {
        const [cancel, checkIn] = await Promise.all([
          app.post(visit.resident, `/me/visits/${visit.id}/cancel`),
          app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, { entryCode: visit.entryCode }),
        ]);
        const stored = await Visits(app.connection).findById(visit.id).lean();
        return {
          cancel: cancel.status,
          checkIn: checkIn.status,
          status: stored!.status,
          inside: !!stored!.checkedInAt,
        };
      }),
    );

    for (const outcome of outcomes) {
      expect([outcome.cancel, outcome.checkIn].filter((status) => status === 200).length, JSON.stringify(outcome)).toBe(
        1,
      );
      expect(outcome).toEqual(
        outcome.inside
          ? { cancel: 409, checkIn: 200, status: 'confirmed', inside: true }
          : { cancel: 200, checkIn: 409, status: 'cancelled', inside: false },
      );
    }
    const state = await slotState(slotId);
    expect(state.booked).toBe(state.confirmedPlaces);
    expect(state.confirmedPlaces).toBe(2 * outcomes.filter((outcome) => outcome.inside).length);
  });

  it('a cancelled visit is not let in; an unknown code is 404', async () => {
    const slotId = await publishSlot(20);
    const resident = app.resident();
    const booked = await book(resident, slotId, []);
    await app.post(resident, `/me/visits/${booked.body.id}/cancel`);
    const cancelled = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, {
      entryCode: booked.body.entryCode,
    });
    expect(cancelled.body.code).toBe('BOOKING_CANCELLED');
    const unknown = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, {
      entryCode: '23456789',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('visit access', () => {
  it('another resident’s visit answers like a missing one and is not cancelled', async () => {
    const slotId = await publishSlot(20);
    const owner = app.resident();
    const booked = await book(owner, slotId, ['林小雨']);
    const stranger = app.resident();
    const foreign = await app.post(stranger, `/me/visits/${booked.body.id}/cancel`);
    const missing = await app.post(stranger, `/me/visits/${newObjectId()}/cancel`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await app.request('GET', `${base}/me/visits`, { token: stranger })).body.items).toEqual([]);
    expect((await slotState(slotId)).booked).toBe(2);
  });

  it('staff of another cemetery get 404 for its slots, rosters and entry codes, and change nothing', async () => {
    const slotId = await publishSlot(20);
    const booked = await book(app.resident(), slotId, []);
    const startsAt = new Date(app.clock.now().getTime() + 24 * HOUR);
    const slotBody = {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      capacity: 17,
    };

    const publish = await app.post(app.otherStaff, `/staff/cemeteries/${app.cemeteryId}/visit-slots`, slotBody);
    const publishMissing = await app.post(app.otherStaff, `/staff/cemeteries/${newObjectId()}/visit-slots`, slotBody);
    expect(publish.status).toBe(404);
    expect(publish.body).toEqual(publishMissing.body);

    const roster = await app.request('GET', `${base}/staff/visit-slots/${slotId}/visits`, { token: app.otherStaff });
    const rosterMissing = await app.request('GET', `${base}/staff/visit-slots/${newObjectId()}/visits`, {
      token: app.otherStaff,
    });
    expect(roster.status).toBe(404);
    expect(roster.body).toEqual(rosterMissing.body);

    const elsewhere = await app.post(app.otherStaff, `/staff/cemeteries/${app.otherCemeteryId}/check-ins`, {
      entryCode: booked.body.entryCode,
    });
    const foreignCemetery = await app.post(app.otherStaff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, {
      entryCode: booked.body.entryCode,
    });
    expect(elsewhere.status).toBe(404);
    expect(foreignCemetery.status).toBe(404);
    expect((await Visits(app.connection).findById(booked.body.id).lean())!.checkedInAt).toBeNull();
    expect(await VisitSlots(app.connection).countDocuments({ capacity: 17 })).toBe(0);

    const resident = await app.post(app.resident(), `/staff/cemeteries/${app.cemeteryId}/visit-slots`, slotBody);
    expect(resident.status).toBe(403);
  });
});

describe('visit bad input', () => {
  it('more than four companions, unknown keys, operators and blank names are 400 and store nothing', async () => {
    const slotId = await publishSlot(50);
    const resident = app.resident();
    for (const body of [
      { companions: ['一', '二', '三', '四', '五'] },
      { companions: [] as string[], places: 1 },
      { companions: [{ $gt: '' }] },
      { companions: ['  '] },
      { companions: ['林'.repeat(21)] },
      { companions: '林小雨' },
      {},
    ]) {
      const response = await app.post(resident, `/visit-slots/${slotId}/visits`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await Visits(app.connection).countDocuments({ pool: slotId })).toBe(0);
    expect((await book(resident, 'not-an-id', [])).status).toBe(400);
    expect((await book(resident, newObjectId(), [])).status).toBe(404);
  });

  it('slots that end before they start, last past a day, hold nobody or started already are refused', async () => {
    const at = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();
    const path = `/staff/cemeteries/${app.cemeteryId}/visit-slots`;
    const before = await VisitSlots(app.connection).countDocuments();
    for (const body of [
      { startsAt: at(2 * HOUR), endsAt: at(HOUR), capacity: 10 },
      { startsAt: at(HOUR), endsAt: at(14 * HOUR), capacity: 10 },
      { startsAt: at(HOUR), endsAt: at(2 * HOUR), capacity: 0 },
      { startsAt: at(HOUR), endsAt: at(2 * HOUR), capacity: 1.5 },
      { startsAt: at(HOUR), endsAt: at(2 * HOUR), capacity: 10, booked: 10 },
      { startsAt: 'tomorrow', endsAt: at(2 * HOUR), capacity: 10 },
    ]) {
      const response = await app.post(app.staff, path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const past = await app.post(app.staff, path, { startsAt: at(-HOUR), endsAt: at(HOUR), capacity: 10 });
    expect(past.body.code).toBe('VISIT_SLOT_STARTED');
    expect(await VisitSlots(app.connection).countDocuments()).toBe(before);
  });
});

describe('a deleted account’s visits', () => {
  it('are cancelled, their places freed, and the companions’ names erased', async () => {
    const slotId = await publishSlot(10);
    const session = await devSignIn(app, 'leaving-visitor');
    const booked = await book(session.accessToken, slotId, ['林小雨', '林大海']);
    expect(booked.status, booked.text).toBe(201);
    expect((await slotState(slotId)).booked).toBe(3);

    const deleted = await app.request('DELETE', '/api/accounts/me', { token: session.accessToken });
    expect(deleted.status, deleted.text).toBe(200);

    expect(await slotState(slotId)).toEqual({ capacity: 10, booked: 0, journal: 0, confirmedPlaces: 0 });
    const visit = await Visits(app.connection).findById(booked.body.id).lean();
    expect(visit).toMatchObject({ status: 'cancelled', companions: [] });
  });
});
