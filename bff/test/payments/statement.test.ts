import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { orderFor, residentOn, sendNotification, startPaymentsWorld, type PaymentsWorld } from './support';

let world: PaymentsWorld;
beforeAll(async () => {
  world = await startPaymentsWorld();
});
afterAll(() => world.close());

describe('daily statement per merchant scope', () => {
  it("sums a day's orders (paid, refunded, net) exactly as the orders say, and shows only that scope and day", async () => {
    const resident = await residentOn(world, 'wechat');
    const staff = world.app.signIn('staff', ['site:s1']).token;

    // 2026-03-02 in Shanghai runs from 2026-03-01T16:00Z; this order is the day before there.
    world.clock.set(new Date('2026-03-01T15:59:00.000Z'));
    await orderFor(world, resident, [999], 'site:s1');
    world.clock.set(new Date('2026-03-02T01:00:00.000Z'));
    const ids = [
      await orderFor(world, resident, [300, 200], 'site:s1'),
      await orderFor(world, resident, [1234], 'site:s1'),
      await orderFor(world, resident, [700], 'site:s1'),
      await orderFor(world, resident, [50], 'site:s1'),
    ];
    await orderFor(world, resident, [888], 'site:other');
    for (const id of ids.slice(0, 3))
      await world.app.request('POST', `/api/payments/orders/${id}/payment`, { token: resident });
    for (const id of ids.slice(0, 3)) {
      const fen = (await PaymentOrders(world.app.connection).findById(id).lean())!.amountFen;
      await sendNotification(world, world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, fen)));
    }
    const refundStaff = world.app.signIn('staff').token;
    await world.app.request('POST', `/api/test/payment-orders/${ids[1]}/refund`, {
      token: refundStaff,
      body: { amountFen: 234, reason: '部分退款' },
    });

    const response = await world.app.request('GET', '/api/payments/statements/site:s1?date=2026-03-02', {
      token: staff,
    });
    expect(response.status).toBe(200);
    const statement = response.body;
    expect(statement.orders.map((o: { id: string }) => o.id)).toEqual(ids);
    const orders = await PaymentOrders(world.app.connection)
      .find({ _id: { $in: ids } })
      .lean();
    const paid = orders.reduce((sum, o) => sum + o.paidFen, 0);
    const refunded = orders.reduce((sum, o) => sum + o.refundedFen, 0);
    expect(statement).toMatchObject({
      scope: 'site:s1',
      date: '2026-03-02',
      paidFen: paid,
      refundedFen: refunded,
      netFen: paid - refunded,
    });
    expect([paid, refunded, paid - refunded]).toEqual([500 + 1234 + 700, 234, 2434 - 234]);
    expect(statement.orders.map((o: { status: string }) => o.status)).toEqual(['paid', 'refunded', 'paid', 'created']);
  });

  it("staff of another scope, and residents, do not see a scope's statement", async () => {
    const outsider = world.app.signIn('staff', ['site:other']).token;
    const response = await world.app.request('GET', '/api/payments/statements/site:s1?date=2026-03-02', {
      token: outsider,
    });
    expect(response.status).toBe(404);
    const resident = world.app.signIn('resident').token;
    expect(
      (await world.app.request('GET', '/api/payments/statements/site:s1?date=2026-03-02', { token: resident })).status,
    ).toBe(403);
  });
});
