import { Types } from 'mongoose';
import type { NotificationKind } from '@warmcity/shared/api/notifications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Charges } from '../../src/features/charging/charge.model';
import { endPortCharge } from '../../src/features/charging/end-charge';
import { ChargingPorts } from '../../src/features/charging/port.model';
import { chargingHoldExpiry, chargingSessionLimits } from '../../src/features/charging/sweepers';
import { Notifications } from '../../src/platform/notifications/notification.model';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { standingClock } from '../support/app';
import { base, startChargingApp, type ChargingTestApp } from './support';

const MINUTE = 60_000;
let app: ChargingTestApp;
beforeAll(async () => {
  app = await startChargingApp({ clock: standingClock(new Date(Math.floor(Date.now() / 1000) * 1000)) });
});
afterAll(() => app?.close());

const notices = (token: string, kind: NotificationKind) => {
  const userId = new Types.ObjectId(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub);
  return Notifications(app.connection).find({ userId, kind }).lean();
};

describe('reserve, start, stop and pay', () => {
  it('bills the started minutes of a reserved session, once, and the order is paid through payments', async () => {
    const site = await app.createSite({ ports: 2, pricePerMinuteFen: 3 });
    const [port] = site.ports;
    const token = app.resident();
    const reservedAt = app.clock.now();

    const reserved = await app.reserve(token, { siteId: site.siteId, portId: port!.id });
    expect(reserved.status, reserved.text).toBe(201);
    expect(reserved.body).toMatchObject({
      status: 'reserved',
      port: { id: port!.id, label: '1号', code: port!.code },
      pricePerMinuteFen: 3,
      reservedAt: reservedAt.toISOString(),
      holdExpiresAt: new Date(reservedAt.getTime() + 15 * MINUTE).toISOString(),
      startedAt: null,
      costFen: 0,
      payment: null,
    });
    expect(await app.portState(port!.id)).toEqual({ capacity: 1, booked: 1, journal: 0, active: 1 });

    app.clock.advance(4 * MINUTE);
    const started = await app.start(token, port!.code.toLowerCase());
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ id: reserved.body.id, status: 'charging', holdExpiresAt: null });

    // Two minutes and five seconds: three started minutes.
    app.clock.advance(2 * MINUTE + 5_000);
    const live = await app.request('GET', `${base}/charges/${reserved.body.id}`, { token });
    expect(live.body).toMatchObject({ status: 'charging', seconds: 125, minutes: 3, costFen: 9 });

    const stopped = await app.post(token, `/charges/${reserved.body.id}/stop`);
    expect(stopped.status, stopped.text).toBe(200);
    expect(stopped.body).toMatchObject({
      status: 'completed',
      endReason: 'resident',
      seconds: 125,
      minutes: 3,
      costFen: 9,
      payment: { status: 'unpaid' },
    });
    expect(await app.portState(port!.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });

    // Stopping again changes nothing and answers the same bill.
    app.clock.advance(MINUTE);
    const again = await app.post(token, `/charges/${reserved.body.id}/stop`);
    expect(again.body).toEqual(stopped.body);

    const orderId = stopped.body.payment.orderId as string;
    const order = await app.request('GET', `/api/payments/orders/${orderId}`, { token });
    expect(order.body).toMatchObject({
      status: 'created',
      amountFen: 9,
      items: [{ name: '充电 3 分钟 × 3 分/分钟', amountFen: 9 }],
    });
    expect(await PaymentOrders(app.connection).countDocuments({ 'subject.id': reserved.body.id })).toBe(1);

    const paying = await app.request('POST', `/api/payments/orders/${orderId}/payment`, { token });
    expect(paying.status, paying.text).toBe(200);
    const paid = await app.request('POST', `/api/payments/orders/${orderId}/dev-payment`, { token });
    expect(paid.status, paid.text).toBe(200);
    const after = await app.request('GET', `${base}/charges/${reserved.body.id}`, { token });
    expect(after.body.payment).toEqual({ orderId, status: 'paid' });

    const records = await app.request('GET', `${base}/me/charges`, { token });
    expect(records.body.items.map((c: { id: string }) => c.id)).toEqual([reserved.body.id]);
  });

  it('a free site costs 0 and creates no order; a walk-up start needs no reservation', async () => {
    const site = await app.createSite({ ports: 1, pricePerMinuteFen: 0 });
    const token = app.resident();
    const started = await app.start(token, site.ports[0]!.code);
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ status: 'charging', reservedAt: null, pricePerMinuteFen: 0 });

    app.clock.advance(90 * MINUTE);
    const stopped = await app.post(token, `/charges/${started.body.id}/stop`);
    expect(stopped.body).toMatchObject({ status: 'completed', minutes: 90, costFen: 0, payment: null });
    expect(await PaymentOrders(app.connection).countDocuments({ 'subject.id': started.body.id })).toBe(0);
  });

  it('a taken port refuses walk-ups and reservations; a reserved one refuses everyone but its holder', async () => {
    const site = await app.createSite({ ports: 2 });
    const [first, second] = site.ports;
    const holder = app.resident();
    const other = app.resident();
    expect((await app.reserve(holder, { siteId: site.siteId, portId: first!.id })).status).toBe(201);

    expect((await app.start(other, first!.code)).body.code).toBe('PORT_TAKEN');
    expect((await app.reserve(other, { siteId: site.siteId, portId: first!.id })).body.code).toBe('PORT_TAKEN');
    expect((await app.start(holder, second!.code)).body.code).toBe('RESERVED_OTHER_PORT');
    expect((await app.reserve(holder, { siteId: site.siteId, portId: second!.id })).body.code).toBe(
      'ACTIVE_CHARGE_EXISTS',
    );
    expect(await app.portState(second!.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });
  });

  it('cancels before the start, harmlessly twice; a session cannot be cancelled, a reservation not stopped', async () => {
    const site = await app.createSite({ ports: 1 });
    const token = app.resident();
    const reserved = await app.reserve(token, { siteId: site.siteId });
    expect((await app.post(token, `/charges/${reserved.body.id}/stop`)).body.code).toBe('CHARGE_NOT_STARTED');

    const cancelled = await app.post(token, `/charges/${reserved.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', endReason: 'resident' });
    expect((await app.post(token, `/charges/${reserved.body.id}/cancel`)).body).toEqual(cancelled.body);
    expect(await app.portState(site.ports[0]!.id)).toMatchObject({ booked: 0, active: 0 });
    const [reminder] = await notices(token, 'charging_reminder');
    expect(reminder?.state).toBe('cancelled');

    const started = await app.start(token, site.ports[0]!.code);
    expect((await app.post(token, `/charges/${started.body.id}/cancel`)).body.code).toBe('CHARGE_ALREADY_STARTED');
    expect((await app.request('GET', `${base}/me/active`, { token })).body.charge).toMatchObject({
      id: started.body.id,
      status: 'charging',
    });
  });

  it('refuses outside opening hours and stores nothing', async () => {
    const site = await app.createSite({ ports: 1, hours: { opens: '06:00', closes: '22:00' } });
    const saved = app.clock.now();
    app.clock.set(new Date('2026-12-02T15:30:00.000Z')); // 23:30 in 头陀镇
    const token = app.resident();
    const before = await app.countDocuments();
    expect((await app.reserve(token, { siteId: site.siteId })).body.code).toBe('SITE_CLOSED');
    expect((await app.start(token, site.ports[0]!.code)).body.code).toBe('SITE_CLOSED');
    const stored = await app.countDocuments();
    expect(stored.charging_charges ?? 0).toBe(before.charging_charges ?? 0);
    expect(stored.notifications ?? 0).toBe(before.notifications ?? 0);
    app.clock.set(saved);
  });
});

describe('sweepers and the equipment side', () => {
  it('a no-show is released after the grace period and told once; the reminder came 5 minutes before', async () => {
    const site = await app.createSite({ ports: 1, graceMinutes: 10 });
    const token = app.resident();
    const reserved = await app.reserve(token, { siteId: site.siteId });
    const [reminder] = await notices(token, 'charging_reminder');
    expect(reminder?.visibleAt.toISOString()).toBe(
      new Date(new Date(reserved.body.holdExpiresAt).getTime() - 5 * MINUTE).toISOString(),
    );

    app.clock.advance(10 * MINUTE - 1);
    expect(await chargingHoldExpiry.tick(app.deps)).toEqual({ expired: 0, told: 0 });
    app.clock.advance(1);
    const ticks = await Promise.all([chargingHoldExpiry.tick(app.deps), chargingHoldExpiry.tick(app.deps)]);
    expect(ticks.reduce((sum, t) => sum + t.expired, 0)).toBe(1);
    expect((await app.request('GET', `${base}/charges/${reserved.body.id}`, { token })).body.status).toBe('expired');
    expect(await app.portState(site.ports[0]!.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });
    expect(await notices(token, 'charging_expired')).toHaveLength(1);
    expect(await chargingHoldExpiry.tick(app.deps)).toEqual({ expired: 0, told: 0 });
    // Too late to start on the reservation; the port is free for a walk-up instead.
    expect((await app.start(token, site.ports[0]!.code)).status).toBe(201);
  });

  it('stops a session at the maximum length, billing exactly that, however late the sweeper runs', async () => {
    const site = await app.createSite({ ports: 1, maxMinutes: 30, pricePerMinuteFen: 2 });
    const token = app.resident();
    const started = await app.start(token, site.ports[0]!.code);
    app.clock.advance(29 * MINUTE);
    expect(await chargingSessionLimits.tick(app.deps)).toEqual({ stopped: 0, ordered: 0 });
    app.clock.advance(16 * MINUTE);
    expect(await chargingSessionLimits.tick(app.deps)).toEqual({ stopped: 1, ordered: 0 });
    const ended = await app.request('GET', `${base}/charges/${started.body.id}`, { token });
    expect(ended.body).toMatchObject({
      status: 'completed',
      endReason: 'max_length',
      endedAt: new Date(new Date(started.body.startedAt).getTime() + 30 * MINUTE).toISOString(),
      minutes: 30,
      costFen: 60,
      payment: { status: 'unpaid' },
    });
    const [told] = await notices(token, 'charging_ended');
    expect(told?.body).toBe('已达到本站单次最长充电时间，本次充电 30 分钟。费用 0.60 元，请在充电记录中支付。');
  });

  it('two instances stopping the same session at its maximum length write one bill, one order and one notice', async () => {
    const site = await app.createSite({ ports: 1, maxMinutes: 30, pricePerMinuteFen: 3 });
    const token = app.resident();
    const started = await app.start(token, site.ports[0]!.code);
    app.clock.advance(31 * MINUTE);
    await Promise.all([chargingSessionLimits.tick(app.deps), chargingSessionLimits.tick(app.deps)]);
    const ended = await app.request('GET', `${base}/charges/${started.body.id}`, { token });
    expect(ended.body).toMatchObject({ status: 'completed', endReason: 'max_length', minutes: 30, costFen: 90 });
    expect(await PaymentOrders(app.connection).countDocuments({ 'subject.id': started.body.id })).toBe(1);
    expect(await notices(token, 'charging_ended')).toHaveLength(1);
    expect(await app.portState(site.ports[0]!.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });
    expect(await chargingSessionLimits.tick(app.deps)).toEqual({ stopped: 0, ordered: 0 });
  });

  it('a fault cancels a reservation and tells its holder; during charging it bills the minutes charged', async () => {
    const site = await app.createSite({ ports: 2, pricePerMinuteFen: 5 });
    const [reservedPort, chargingPort] = site.ports;
    const waiting = app.resident();
    const charging = app.resident();
    const reserved = await app.reserve(waiting, { siteId: site.siteId, portId: reservedPort!.id });
    const started = await app.start(charging, chargingPort!.code);
    app.clock.advance(61_000);

    const cancelled = await endPortCharge(app.deps, new Types.ObjectId(reservedPort!.id), {
      at: app.clock.now(),
      reason: 'fault',
    });
    expect(cancelled).toMatchObject({ ended: 'reservation' });
    const view = await app.request('GET', `${base}/charges/${reserved.body.id}`, { token: waiting });
    expect(view.body).toMatchObject({ status: 'cancelled', endReason: 'fault' });
    const [told] = await notices(waiting, 'charging_cancelled');
    expect(told?.body).toBe('充电口发生故障，您的预约已取消，请换一个充电口重新预约。');

    const stopped = await endPortCharge(app.deps, new Types.ObjectId(chargingPort!.id), {
      at: app.clock.now(),
      reason: 'fault',
      energyWh: 120,
    });
    expect(stopped).toMatchObject({ ended: 'session', charge: { minutes: 2, costFen: 10, energyWh: 120 } });
    expect((await app.request('GET', `${base}/charges/${started.body.id}`, { token: charging })).body).toMatchObject({
      status: 'completed',
      endReason: 'fault',
      costFen: 10,
      energyWh: 120,
      payment: { status: 'unpaid' },
    });
    expect(
      await endPortCharge(app.deps, new Types.ObjectId(chargingPort!.id), { at: app.clock.now(), reason: 'fault' }),
    ).toEqual({ ended: null, charge: null });
  });

  it('a stop that died before its order was created gets it from the sweeper', async () => {
    const site = await app.createSite({ ports: 1, pricePerMinuteFen: 4 });
    const token = app.resident();
    const started = await app.start(token, site.ports[0]!.code);
    app.clock.advance(10 * MINUTE);
    // What a crash between the release and the order leaves: the bill, and the order still due.
    await Charges(app.connection).updateOne(
      { _id: started.body.id },
      {
        $set: {
          status: 'cancelled',
          endedAt: app.clock.now(),
          endReason: 'resident',
          stopsBy: null,
          seconds: 600,
          minutes: 10,
          costFen: 40,
          orderDueAt: app.clock.now(),
        },
      },
    );
    await ChargingPorts(app.connection).updateOne({ _id: site.ports[0]!.id }, { $set: { booked: 0 } });
    expect(await chargingSessionLimits.tick(app.deps)).toEqual({ stopped: 0, ordered: 0 });
    app.clock.advance(MINUTE + 1);
    expect(await chargingSessionLimits.tick(app.deps)).toEqual({ stopped: 0, ordered: 1 });
    const view = await app.request('GET', `${base}/charges/${started.body.id}`, { token });
    expect(view.body.payment.status).toBe('unpaid');
    const order = await app.request('GET', `/api/payments/orders/${view.body.payment.orderId}`, { token });
    expect(order.body.amountFen).toBe(40);
  });
});
