import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { paymentReconciliation } from '../../src/platform/payments/sweeper';
import {
  expectAmountRefused,
  orderFor,
  residentOn,
  sendAlipayNotify,
  startPaymentsWorld,
  type PaymentsWorld,
} from './support';

let world: PaymentsWorld;
let resident: string;
let staff: string;
// An Alipay user id as sign-in records it (2088 and twelve digits).
const ALIPAY_USER = '2088102177846880';
beforeAll(async () => {
  world = await startPaymentsWorld();
  resident = await residentOn(world, 'alipay', ALIPAY_USER);
  staff = world.app.signIn('staff', ['site:test-1']).token;
});
afterAll(() => world.close());

const stored = (id: string) => PaymentOrders(world.app.connection).findById(id).lean();
const pay = (id: string, token = resident) =>
  world.app.request('POST', `/api/payments/orders/${id}/payment`, { token });
const refund = (id: string, amountFen: number) =>
  world.app.request('POST', `/api/test/payment-orders/${id}/refund`, {
    token: staff,
    body: { amountFen, reason: '服务取消' },
  });
const paidNotify = (id: string, fen: number, options?: { badSignature?: boolean; appId?: string }) =>
  world.alipay.notify(world.alipay.pay(id, fen), options);
const heard = (id: string) => world.events.filter((e) => e.includes(id));

describe('Alipay', () => {
  it('a resident signed in with Alipay pays through Alipay: trade.create gives the trade_no for my.tradePay', async () => {
    const id = await orderFor(world, resident, [1234]);
    const response = await pay(id);
    expect(response.status).toBe(200);
    expect(response.body.provider).toBe('alipay');
    expect(response.body.tradeNo).toMatch(/^2026[0-9a-f]{24}$/);
    expect(response.body.order).toMatchObject({ status: 'paying', provider: 'alipay' });
    expect(await stored(id)).toMatchObject({ status: 'paying', provider: 'alipay', prepayId: response.body.tradeNo });
    expect(world.alipay.calls).toContain(`alipay.trade.create ${id}`);
  });

  it('created → paying → paid (notify) → refunded (partial) → refunded (full), each heard once', async () => {
    const id = await orderFor(world, resident, [300, 200]);
    await pay(id);
    const answer = await sendAlipayNotify(world, paidNotify(id, 500));
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('success');
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 500 });
    expect((await refund(id, 200)).body).toEqual({ status: 'refunded', refundedFen: 200 });
    expect((await refund(id, 300)).body).toEqual({ status: 'refunded', refundedFen: 500 });
    expect(world.alipay.refunds.filter((r) => r.out_trade_no === id).map((r) => r.refund_amount)).toEqual([
      '2.00',
      '3.00',
    ]);
    expect(heard(id)).toEqual([`paid:${id}`, `refunded:${id}:200`, `refunded:${id}:300`]);
  });

  it('a refund larger than what was paid is 400 and nothing is sent to Alipay', async () => {
    const id = await orderFor(world, resident, [800]);
    await pay(id);
    await sendAlipayNotify(world, paidNotify(id, 800));
    const response = await refund(id, 801);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REFUND_EXCEEDS_PAID');
    expect(world.alipay.refunds.filter((r) => r.out_trade_no === id)).toEqual([]);
    expect(await stored(id)).toMatchObject({ status: 'paid', refundedFen: 0, pendingRefund: null });
  });

  it('a duplicated notify, five copies at once, and a replay after the refund: paid once, refunded once', async () => {
    const id = await orderFor(world, resident, [1500]);
    await pay(id);
    const notify = paidNotify(id, 1500);
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendAlipayNotify(world, notify)));
    expect(answers.map((a) => [a.status, a.text])).toEqual(Array(5).fill([200, 'success']));
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 1500 });
    await refund(id, 1500);
    const after = await stored(id);
    const replay = await sendAlipayNotify(world, notify);
    expect(replay.text).toBe('success');
    expect(await stored(id)).toEqual(after);
    expect(heard(id)).toEqual([`paid:${id}`, `refunded:${id}:1500`]);
  });

  it('a bad signature, a tampered field and another app are refused, and change nothing', async () => {
    const id = await orderFor(world, resident, [120]);
    await pay(id);
    const before = await stored(id);
    const forged = await sendAlipayNotify(world, paidNotify(id, 120, { badSignature: true }));
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('PAYMENT_SIGNATURE_INVALID');
    const genuine = paidNotify(id, 120);
    const tampered = { ...genuine, body: genuine.body.replace('total_amount=1.20', 'total_amount=0.01') };
    expect(tampered.body).not.toBe(genuine.body);
    expect((await sendAlipayNotify(world, tampered)).status).toBe(401);
    expect((await sendAlipayNotify(world, paidNotify(id, 120, { appId: '2021000000009999' }))).status).toBe(404);
    expect(await stored(id)).toEqual(before);
    expect(
      world.app.logs.some((line) => JSON.parse(line).alert === 'payment-signature-invalid' && line.includes('alipay')),
    ).toBe(true);
  });

  it('a notify that is not a form, or is too large, is refused before it is read', async () => {
    const json = await world.app.request('POST', '/api/payments/notify/alipay', { body: { out_trade_no: 'x' } });
    expect(json.status).toBe(415);
    const huge = await world.app.request('POST', '/api/payments/notify/alipay', {
      raw: `subject=${'x'.repeat(20_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(huge.status).toBe(413);
    const repeated = await world.app.request('POST', '/api/payments/notify/alipay', {
      raw: 'out_trade_no=a&out_trade_no=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(repeated.status).toBe(400);
  });

  it('an amount differing from the order is refused, alerted, and changes nothing', async () => {
    const id = await orderFor(world, resident, [990]);
    await pay(id);
    await expectAmountRefused(world, id, () => sendAlipayNotify(world, paidNotify(id, 1)), {
      orderFen: 990,
      paidFen: 1,
    });
  });

  it('a notify racing the reconciliation query: paid once, heard once', async () => {
    const id = await orderFor(world, resident, [660]);
    await pay(id);
    const notify = paidNotify(id, 660);
    const [answer] = await Promise.all([
      sendAlipayNotify(world, notify),
      paymentReconciliation.tick(world.deps),
      paymentReconciliation.tick(world.deps),
    ]);
    expect(answer.text).toBe('success');
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 660, hooksDue: [] });
    expect(heard(id)).toEqual([`paid:${id}`]);
  });

  it('the sweeper settles a paying order whose notify never came, and closes an expired unpaid one at Alipay', async () => {
    const lost = await orderFor(world, resident, [700]);
    const unpaid = await orderFor(world, resident, [800]);
    await pay(lost);
    await pay(unpaid);
    world.alipay.pay(lost, 700);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect(await stored(lost)).toMatchObject({ status: 'paid', paidFen: 700 });
    expect((await stored(unpaid))?.status).toBe('closed');
    expect(world.alipay.calls).toContain(`alipay.trade.close ${unpaid}`);
  });

  it('an order paid after it was closed is refunded in full automatically; the feature hears nothing', async () => {
    const id = await orderFor(world, resident, [450]);
    await pay(id);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect((await stored(id))?.status).toBe('closed');
    // A late notify, after the close.
    const notify = world.alipay.notify({ ...world.alipay.pay(id, 450) });
    expect((await sendAlipayNotify(world, notify)).text).toBe('success');
    expect(await stored(id)).toMatchObject({
      status: 'refunded',
      paidFen: 450,
      refundedFen: 450,
      paidAfterClose: true,
    });
    expect(world.alipay.refunds.filter((r) => r.out_trade_no === id).map((r) => r.refund_amount)).toEqual(['4.50']);
    expect(heard(id)).toEqual([]);
  });

  it('a refund Alipay failed (5xx) is sent again by the sweeper with the same request number, and its notify changes nothing more', async () => {
    const id = await orderFor(world, resident, [300]);
    await pay(id);
    await sendAlipayNotify(world, paidNotify(id, 300));
    world.alipay.failNext('5xx');
    expect((await refund(id, 300)).status).toBe(502);
    const pending = await stored(id);
    expect(pending?.status).toBe('refunding');
    await paymentReconciliation.tick(world.deps);
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 300 });
    const sent = world.alipay.refunds.filter((r) => r.out_trade_no === id);
    expect(sent).toEqual([{ out_trade_no: id, out_request_no: pending!.pendingRefund!._id, refund_amount: '3.00' }]);
    const notify = world.alipay.refundNotify(id, pending!.pendingRefund!._id);
    expect((await sendAlipayNotify(world, notify)).text).toBe('success');
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 300 });
    expect(heard(id)).toEqual([`paid:${id}`, `refunded:${id}:300`]);
  });

  it('an answer whose signature does not hold, or a 5xx, leaves the order as it was (502)', async () => {
    const id = await orderFor(world, resident, [250]);
    world.alipay.failNext('bad-signature');
    const forged = await pay(id);
    expect(forged.status).toBe(502);
    expect(forged.body.code).toBe('PAYMENT_PROVIDER_FAILED');
    world.alipay.failNext('5xx');
    expect((await pay(id)).status).toBe(502);
    expect(await stored(id)).toMatchObject({ status: 'created', provider: null });
  });

  it("another resident's order answers 404, stays as it was, and never reaches Alipay", async () => {
    const id = await orderFor(world, resident, [100]);
    const other = await residentOn(world, 'alipay', '2088000000000077');
    const response = await pay(id, other);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
    expect((await world.app.request('GET', `/api/payments/orders/${id}`, { token: other })).status).toBe(404);
    expect(await stored(id)).toMatchObject({ status: 'created', provider: null });
    expect(world.alipay.calls).not.toContain(`alipay.trade.create ${id}`);
  });
});
