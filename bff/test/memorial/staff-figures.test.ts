import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServicePackages } from '../../src/features/memorial/service-package.model';
import { standingClock, type TestClock } from '../support/app';
import { uploadPhoto } from '../support/uploads';
import { base, startMemorialApp, type MemorialTestApp } from './support';

// 4 April 2027 (清明) in China begins at 16:00 UTC on 3 April.
const APRIL_4 = new Date('2027-04-03T16:00:00Z');
const HOUR = 3_600_000;

let app: MemorialTestApp;
let clock: TestClock;
let packages: { clean: string; burial: string };

beforeAll(async () => {
  clock = standingClock(new Date(APRIL_4.getTime() - 1000));
  app = await startMemorialApp({ clock });
  const [clean, burial] = await ServicePackages(app.connection).create([
    { cemeteryId: app.cemeteryId, kind: 'sweeping', name: '代客祭扫·清洁', priceFen: 8_800 },
    { cemeteryId: app.cemeteryId, kind: 'burial', name: '入葬服务预约', priceFen: 0 },
  ]);
  packages = { clean: clean!.id, burial: burial!.id };
});
afterAll(() => app?.close());

const figures = (token: string, query = '', cemeteryId = app.cemeteryId) =>
  app.request('GET', `${base}/staff/cemeteries/${cemeteryId}/figures${query}`, { token });

async function tribute(code: string, body: Record<string, unknown>, token = app.resident()) {
  const left = await app.tribute(token, code, body);
  expect(left.status, left.text).toBe(201);
}

async function placeOrder(owner: string, memorialId: string, packageId: string) {
  const placed = await app.post(owner, `/memorials/${memorialId}/service-orders`, { packageId, date: '2027-04-10' });
  expect(placed.status, placed.text).toBe(201);
  const { paymentOrderId } = placed.body as { paymentOrderId: string | null };
  if (paymentOrderId) {
    const started = await app.request('POST', `/api/payments/orders/${paymentOrderId}/payment`, { token: owner });
    expect(started.status, started.text).toBe(200);
    const paid = await app.request('POST', `/api/payments/orders/${paymentOrderId}/dev-payment`, { token: owner });
    expect(paid.status, paid.text).toBe(200);
  }
  return placed.body.id as string;
}

async function staffMove(id: string, action: string, body?: unknown) {
  const moved = await app.post(app.staff, `/staff/service-orders/${id}/${action}`, body);
  expect(moved.status, moved.text).toBe(200);
}

describe('今日数据: a cemetery’s day in figures', () => {
  it('counts tributes, messages, orders and visits of the China-time day, exactly', async () => {
    const owner = app.resident();
    const family = await app.createMemorial(owner);
    const martyr = await app.createMemorial(app.resident(), { name: '陈英', visibility: 'public' });

    // 23:59:59 on 3 April in China: the day before.
    await tribute(martyr.code, { kind: 'flower' });
    const earlyOrder = await placeOrder(owner, family.id, packages.burial);

    clock.set(APRIL_4);
    await tribute(martyr.code, { kind: 'candle' });
    clock.set(new Date(APRIL_4.getTime() + 10 * HOUR));
    await tribute(martyr.code, { kind: 'flower' });
    await tribute(martyr.code, { kind: 'flower' });
    await tribute(martyr.code, { kind: 'incense' });
    await tribute(martyr.code, { kind: 'message', text: '先烈千古。' });
    await tribute(family.code, { kind: 'message', text: '爷爷，清明安康。' }, owner);
    await tribute(family.code, { kind: 'message', text: '加 微 信 领红包 ＳＢ' }, owner);

    // The order placed yesterday is finished today; one placed today is paid and finished; one is cancelled.
    await staffMove(earlyOrder, 'accept');
    await staffMove(earlyOrder, 'start');
    await staffMove(earlyOrder, 'complete', { photos: [await uploadPhoto(app, app.staff)] });
    const paid = await placeOrder(owner, family.id, packages.clean);
    await staffMove(paid, 'accept');
    await staffMove(paid, 'start');
    await staffMove(paid, 'complete', { photos: [await uploadPhoto(app, app.staff)] });
    await staffMove(await placeOrder(owner, family.id, packages.clean), 'cancel', { reason: '当日封园' });
    await placeOrder(owner, family.id, packages.burial);

    // A slot this afternoon: a party of three comes in, one of one does not, one cancels.
    const slot = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/visit-slots`, {
      startsAt: new Date(APRIL_4.getTime() + 14 * HOUR).toISOString(),
      endsAt: new Date(APRIL_4.getTime() + 15.5 * HOUR).toISOString(),
      capacity: 50,
    });
    expect(slot.status, slot.text).toBe(201);
    const book = async (companions: string[]) => {
      const token = app.resident();
      const visit = await app.post(token, `/visit-slots/${slot.body.id}/visits`, { companions });
      expect(visit.status, visit.text).toBe(201);
      return { token, visit: visit.body as { id: string; entryCode: string } };
    };
    const party = await book(['林海', '林波']);
    await book([]);
    const leaving = await book(['周敏']);
    expect((await app.post(leaving.token, `/me/visits/${leaving.visit.id}/cancel`)).status).toBe(200);
    const checkIn = await app.post(app.staff, `/staff/cemeteries/${app.cemeteryId}/check-ins`, {
      entryCode: party.visit.entryCode,
    });
    expect(checkIn.status, checkIn.text).toBe(200);

    // 23:59:59 on 4 April: still the same day.
    clock.set(new Date(APRIL_4.getTime() + 24 * HOUR - 1000));
    await tribute(martyr.code, { kind: 'candle' });

    const today = await figures(app.staff);
    expect(today.status, today.text).toBe(200);
    expect(today.body).toEqual({
      cemeteryId: app.cemeteryId,
      date: '2027-04-04',
      tributes: { flower: 2, candle: 2, incense: 1, message: 3, all: 8 },
      messages: { approved: 2, held: 1 },
      orders: { placed: 3, completed: 2, cancelled: 1, revenueFen: 8_800 },
      visits: { booked: 2, checkedIn: 1, persons: 4, personsCheckedIn: 3 },
    });

    const yesterday = await figures(app.staff, '?date=2027-04-03');
    expect(yesterday.status, yesterday.text).toBe(200);
    expect(yesterday.body).toMatchObject({
      date: '2027-04-03',
      tributes: { flower: 1, candle: 0, incense: 0, message: 0, all: 1 },
      messages: { approved: 0, held: 0 },
      orders: { placed: 1, completed: 0, cancelled: 0, revenueFen: 0 },
      visits: { booked: 0, checkedIn: 0, persons: 0, personsCheckedIn: 0 },
    });

    // Once the held message is approved, the day counts it as approved.
    const held = await app.request('GET', `${base}/staff/cemeteries/${app.cemeteryId}/held-messages`, {
      token: app.staff,
    });
    const approved = await app.post(app.staff, `/staff/messages/${held.body.items[0].id}/review`, {
      decision: 'approve',
    });
    expect(approved.status, approved.text).toBe(200);
    expect((await figures(app.staff)).body.messages).toEqual({ approved: 3, held: 0 });

    // At midnight the new day starts from nothing.
    clock.set(new Date(APRIL_4.getTime() + 24 * HOUR));
    const next = await figures(app.staff);
    expect(next.body).toMatchObject({ date: '2027-04-05', tributes: { all: 0 }, orders: { placed: 0 } });
  });

  it('answers another cemetery’s staff, a missing cemetery and a resident like nothing is there', async () => {
    const foreign = await figures(app.otherStaff);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await figures(app.staff, '', app.otherCemeteryId)).status).toBe(404);
    expect((await figures(app.resident())).status).toBe(403);
  });

  it('refuses a malformed day, a day to come, more than a year back, and unknown keys', async () => {
    clock.set(new Date(APRIL_4.getTime() + 10 * HOUR));
    for (const query of ['?date=2027-4-4', '?date=2027-02-30', '?date[$gt]=2027-01-01', '?day=2027-04-04']) {
      const refused = await figures(app.staff, query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.code, query).toBe('VALIDATION_FAILED');
    }
    for (const date of ['2027-04-05', '2026-04-02']) {
      const refused = await figures(app.staff, `?date=${date}`);
      expect(refused.status, date).toBe(400);
      expect(refused.body.code, date).toBe('FIGURES_DATE_OUT_OF_RANGE');
    }
    const yearBack = await figures(app.staff, '?date=2026-04-03');
    expect(yearBack.status, yearBack.text).toBe(200);
    expect(yearBack.body.tributes.all).toBe(0);
  });
});
