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

  it('money counts on the day it moved: paid after midnight, refunded days later; each day sums its rows', async () => {
    const resident = await residentOn(world, 'wechat');
    const staff = world.app.signIn('staff', ['site:s2']).token;
    const refundStaff = world.app.signIn('staff').token;
    const paidNow = async (id: string) => {
      const fen = (await PaymentOrders(world.app.connection).findById(id).lean())!.amountFen;
      await sendNotification(world, world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, fen)));
    };
    // 23:50 on 2026-03-03 in Shanghai: two orders; one paid at once, the other after midnight.
    world.clock.set(new Date('2026-03-03T15:50:00.000Z'));
    const late = await orderFor(world, resident, [600], 'site:s2');
    const prompt = await orderFor(world, resident, [400], 'site:s2');
    for (const id of [late, prompt])
      await world.app.request('POST', `/api/payments/orders/${id}/payment`, { token: resident });
    await paidNow(prompt);
    world.clock.set(new Date('2026-03-03T16:10:00.000Z'));
    await paidNow(late);
    // Two days on, part of the prompt one is given back.
    world.clock.set(new Date('2026-03-05T02:00:00.000Z'));
    await world.app.request('POST', `/api/test/payment-orders/${prompt}/refund`, {
      token: refundStaff,
      body: { amountFen: 150, reason: '部分退款' },
    });

    const day = async (date: string) =>
      (await world.app.request('GET', `/api/payments/statements/site:s2?date=${date}`, { token: staff })).body;
    const rows = (statement: { orders: { id: string; paidFen: number; refundedFen: number }[] }) =>
      statement.orders.map((o) => [o.id, o.paidFen, o.refundedFen]);
    const days = [await day('2026-03-03'), await day('2026-03-04'), await day('2026-03-05')];
    expect(days.map(rows)).toEqual([
      [
        [late, 0, 0],
        [prompt, 400, 0],
      ],
      [[late, 600, 0]],
      [[prompt, 0, 150]],
    ]);
    expect(days.map((d) => [d.paidFen, d.refundedFen, d.netFen])).toEqual([
      [400, 0, 400],
      [600, 0, 600],
      [0, 150, -150],
    ]);
    // The days together are the orders.
    const orders = await PaymentOrders(world.app.connection).find({ scope: 'site:s2' }).lean();
    expect(days.reduce((sum, d) => sum + d.paidFen, 0)).toBe(orders.reduce((sum, o) => sum + o.paidFen, 0));
    expect(days.reduce((sum, d) => sum + d.refundedFen, 0)).toBe(orders.reduce((sum, o) => sum + o.refundedFen, 0));
    expect((await day('2026-03-06')).orders).toEqual([]);
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
