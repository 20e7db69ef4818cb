import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { paymentReconciliation } from '../../src/platform/payments/sweeper';
import {
  alertCount,
  expectAmountRefused,
  orderFor,
  paySignHolds,
  residentOn,
  sendNotification,
  startPaymentsWorld,
  type PaymentsWorld,
} from './support';

let world: PaymentsWorld;
let resident: string;
let wechatResident: string;
let staff: string;
beforeAll(async () => {
  world = await startPaymentsWorld();
  resident = await residentOn(world, 'dev');
  wechatResident = await residentOn(world, 'wechat', 'o-fake-openid');
  staff = world.app.signIn('staff', ['site:test-1']).token;
});
afterAll(() => world.close());

const stored = (id: string) => PaymentOrders(world.app.connection).findById(id).lean();
const pay = (id: string, token: string) => world.app.request('POST', `/api/payments/orders/${id}/payment`, { token });
const refund = (id: string, amountFen: number) =>
  world.app.request('POST', `/api/test/payment-orders/${id}/refund`, {
    token: staff,
    body: { amountFen, reason: '服务取消' },
  });
const paidNotice = (
  id: string,
  fen: number,
  options?: { badSignature?: boolean; timestamp?: number; serial?: string },
) => world.wechat.notification('TRANSACTION.SUCCESS', world.wechat.pay(id, fen), options);

describe('payment orders through the dev provider', () => {
  it('created → paying → paid → refunded (partial) → refunded (full), each heard once by the feature', async () => {
    const id = await orderFor(world, resident, [300, 200]);
    const created = await world.app.request('GET', `/api/payments/orders/${id}`, { token: resident });
    expect(created.body).toMatchObject({ status: 'created', amountFen: 500, paidFen: 0, provider: null });
    expect(created.body.items).toEqual([
      { name: '项目1', amountFen: 300 },
      { name: '项目2', amountFen: 200 },
    ]);

    expect((await pay(id, resident)).body.order.status).toBe('paying');
    const paid = await world.app.request('POST', `/api/payments/orders/${id}/dev-payment`, { token: resident });
    expect(paid.body).toMatchObject({ status: 'paid', paidFen: 500, provider: 'dev' });
    const again = await world.app.request('POST', `/api/payments/orders/${id}/dev-payment`, { token: resident });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ORDER_NOT_PAYABLE');

    expect((await refund(id, 600)).body.code).toBe('REFUND_EXCEEDS_PAID');
    expect((await refund(id, 200)).body).toEqual({ status: 'refunded', refundedFen: 200 });
    const tooMuch = await refund(id, 301);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('REFUND_EXCEEDS_PAID');
    expect((await refund(id, 300)).body).toEqual({ status: 'refunded', refundedFen: 500 });
    expect((await refund(id, 1)).status).toBe(400);
    expect(world.events.filter((e) => e.includes(id))).toEqual([
      `paid:${id}`,
      `refunded:${id}:200`,
      `refunded:${id}:300`,
    ]);
  });

  it('created → closed: an order never started is closed once it expires, and cannot be paid after', async () => {
    const id = await orderFor(world, resident, [150]);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect(await stored(id)).toMatchObject({ status: 'closed', paidFen: 0, provider: null });
    const late = await pay(id, resident);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ORDER_NOT_PAYABLE');
    expect((await stored(id))?.status).toBe('closed');
  });

  it('a fraction of a fen is refused at the edge and nothing is stored', async () => {
    const before = await world.app.countDocuments();
    const response = await world.app.request('POST', '/api/test/payment-orders', {
      token: resident,
      body: { subjectId: 'frac', scope: 'site:test-1', items: [{ name: '充电', amountFen: 1.5 }], expiresInMinutes: 5 },
    });
    expect(response.status).toBe(400);
    expect(await world.app.countDocuments()).toEqual(before);
  });

  it("another resident's order answers 404 everywhere and stays as it was", async () => {
    const id = await orderFor(world, resident, [100]);
    const other = world.app.signIn('resident').token;
    for (const response of [
      await world.app.request('GET', `/api/payments/orders/${id}`, { token: other }),
      await pay(id, other),
      await world.app.request('POST', `/api/payments/orders/${id}/dev-payment`, { token: other }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await stored(id))?.status).toBe('created');
  });

  it('a resident lists their own orders, newest first, and never anyone else’s', async () => {
    const mine = await residentOn(world, 'dev');
    const first = await orderFor(world, mine, [100]);
    world.clock.advance(1000);
    const second = await orderFor(world, mine, [200]);
    await orderFor(world, resident, [300]);
    const listed = await world.app.request('GET', '/api/payments/orders', { token: mine });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((o: { id: string; amountFen: number }) => [o.id, o.amountFen])).toEqual([
      [second, 200],
      [first, 100],
    ]);
    const stranger = await residentOn(world, 'dev');
    expect((await world.app.request('GET', '/api/payments/orders', { token: stranger })).body).toEqual({ items: [] });
  });

  it('two concurrent refunds of the whole amount: one succeeds, the other is refused', async () => {
    const id = await orderFor(world, resident, [400]);
    await pay(id, resident);
    await world.app.request('POST', `/api/payments/orders/${id}/dev-payment`, { token: resident });
    const answers = await Promise.all([refund(id, 400), refund(id, 400), refund(id, 400)]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(
      answers
        .filter((a) => a.status !== 200)
        .map((a) => a.body.code)
        .sort(),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^REFUND_(EXCEEDS_PAID|IN_PROGRESS)$/)]));
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 400, paidFen: 400 });
  });
});

describe('WeChat Pay', () => {
  it('answers signed requestPayment parameters for the prepay id', async () => {
    const id = await orderFor(world, wechatResident, [250]);
    const response = await pay(id, wechatResident);
    expect(response.status).toBe(200);
    expect(response.body.params.package).toMatch(/^prepay_id=wx[0-9a-f]{24}$/);
    expect(response.body.params.signType).toBe('RSA');
    expect(paySignHolds(world, response.body.params)).toBe(true);
    expect((await stored(id))?.prepayId).toBe(response.body.params.package.slice('prepay_id='.length));
  });

  it('a platform answering 500 leaves the order created (502)', async () => {
    const id = await orderFor(world, wechatResident, [250]);
    world.wechat.failNext('5xx');
    const response = await pay(id, wechatResident);
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('PAYMENT_PROVIDER_FAILED');
    expect((await stored(id))?.status).toBe('created');
  });

  it('a platform that never answers: the resident gets 502 after the timeout and the order stays created', async () => {
    const id = await orderFor(world, wechatResident, [260]);
    world.wechat.failNext('timeout');
    const started = Date.now();
    const response = await pay(id, wechatResident);
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('PAYMENT_PROVIDER_FAILED');
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(await stored(id)).toMatchObject({ status: 'created', provider: null });
    expect((await pay(id, wechatResident)).status).toBe(200);
  }, 20_000);

  it('a duplicated payment notification settles once and the feature hears it once', async () => {
    const id = await orderFor(world, wechatResident, [880]);
    await pay(id, wechatResident);
    const notice = paidNotice(id, 880);
    expect((await sendNotification(world, notice)).status).toBe(204);
    expect((await sendNotification(world, notice)).status).toBe(204);
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 880 });
    expect(world.events.filter((e) => e === `paid:${id}`)).toHaveLength(1);
  });

  it('five copies of one notification at once, and a refund notice arriving before any refund: paid once, nothing else', async () => {
    const id = await orderFor(world, wechatResident, [1500]);
    await pay(id, wechatResident);
    const early = world.wechat.notification('REFUND.SUCCESS', {
      out_trade_no: id,
      out_refund_no: 'never-asked',
      refund_status: 'SUCCESS',
    });
    expect((await sendNotification(world, early)).status).toBe(204);
    const notice = paidNotice(id, 1500);
    const answers = await Promise.all(Array.from({ length: 5 }, () => sendNotification(world, notice)));
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204, 204]);
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 1500, refundedFen: 0, refunds: [] });
    expect(world.events.filter((e) => e === `paid:${id}`)).toHaveLength(1);
  });

  it('a bad signature is 401 and changes nothing; so is a replay of an old notification', async () => {
    const id = await orderFor(world, wechatResident, [120]);
    await pay(id, wechatResident);
    const before = await stored(id);
    const forged = await sendNotification(world, paidNotice(id, 120, { badSignature: true }));
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('PAYMENT_SIGNATURE_INVALID');
    const stale = Math.floor(world.clock.now().getTime() / 1000) - 3600;
    expect((await sendNotification(world, paidNotice(id, 120, { timestamp: stale }))).status).toBe(401);
    const tampered = paidNotice(id, 120);
    const altered = { ...tampered, body: tampered.body.replace('"支付成功"', '"支付成功!"') };
    expect((await sendNotification(world, altered)).status).toBe(401);
    expect(await stored(id)).toEqual(before);
  });

  it('WeChat’s signature probe (WECHATPAY/SIGNTEST/) is refused like a forgery, without an alert', async () => {
    const id = await orderFor(world, wechatResident, [130]);
    await pay(id, wechatResident);
    const before = await stored(id);
    const alerts = await alertCount('payment-signature-invalid');
    const notice = paidNotice(id, 130);
    const signature = notice.headers['wechatpay-signature'];
    const probe = {
      ...notice,
      headers: { ...notice.headers, 'wechatpay-signature': `WECHATPAY/SIGNTEST/${signature}` },
    };
    const refused = await sendNotification(world, probe);
    expect([refused.status, refused.body.code]).toEqual([401, 'PAYMENT_SIGNATURE_INVALID']);
    expect(await alertCount('payment-signature-invalid')).toBe(alerts);
    expect(await stored(id)).toEqual(before);
    // The same notification with its real signature, as WeChat resends it, is taken.
    expect((await sendNotification(world, notice)).status).toBe(204);
    expect((await stored(id))?.status).toBe('paid');
  });

  it('a platform serial in another case names the same key', async () => {
    const id = await orderFor(world, wechatResident, [140]);
    await pay(id, wechatResident);
    const notice = paidNotice(id, 140);
    const serial = notice.headers['wechatpay-serial'];
    const lower = { ...notice, headers: { ...notice.headers, 'wechatpay-serial': serial!.toLowerCase() } };
    expect((await sendNotification(world, lower)).status).toBe(204);
    expect((await stored(id))?.status).toBe('paid');
  });

  it('an amount differing from the order is refused, alerted, and changes nothing', async () => {
    const id = await orderFor(world, wechatResident, [990]);
    await pay(id, wechatResident);
    await expectAmountRefused(world, id, () => sendNotification(world, paidNotice(id, 1)), {
      orderFen: 990,
      paidFen: 1,
    });
  });

  it('a notification racing the reconciliation query: paid once, heard once', async () => {
    const id = await orderFor(world, wechatResident, [660]);
    await pay(id, wechatResident);
    const notice = paidNotice(id, 660);
    const [answer] = await Promise.all([
      sendNotification(world, notice),
      paymentReconciliation.tick(world.deps),
      paymentReconciliation.tick(world.deps),
    ]);
    expect(answer.status).toBe(204);
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 660, hooksDue: [] });
    expect(world.events.filter((e) => e === `paid:${id}`)).toHaveLength(1);
  });

  it('the sweeper settles a paying order whose callback never came, and closes an expired unpaid one', async () => {
    const lost = await orderFor(world, wechatResident, [700]);
    const unpaid = await orderFor(world, wechatResident, [800]);
    await pay(lost, wechatResident);
    await pay(unpaid, wechatResident);
    world.wechat.pay(lost, 700);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect((await stored(lost))?.status).toBe('paid');
    expect((await stored(unpaid))?.status).toBe('closed');
    expect(world.wechat.calls).toContain(`POST /v3/pay/transactions/out-trade-no/${unpaid}/close`);
  });

  it('an expired order WeChat already closed (our close’s answer was lost) is closed here too, not left paying', async () => {
    const id = await orderFor(world, wechatResident, [850]);
    await pay(id, wechatResident);
    world.wechat.closedUnheard(id);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect(world.wechat.calls).toContain(`POST /v3/pay/transactions/out-trade-no/${id}/close`);
    expect(await stored(id)).toMatchObject({ status: 'closed', paidFen: 0 });
  });

  it('an order paid after it was closed is refunded in full automatically; the feature hears nothing', async () => {
    const id = await orderFor(world, wechatResident, [450]);
    await pay(id, wechatResident);
    world.clock.advance(31 * 60_000);
    await paymentReconciliation.tick(world.deps);
    expect((await stored(id))?.status).toBe('closed');
    expect((await sendNotification(world, paidNotice(id, 450))).status).toBe(204);
    expect(await stored(id)).toMatchObject({
      status: 'refunded',
      paidFen: 450,
      refundedFen: 450,
      paidAfterClose: true,
    });
    expect(world.wechat.refunds.filter((r) => r.out_trade_no === id).map((r) => r.amount.refund)).toEqual([450]);
    expect(world.events.filter((e) => e.includes(id))).toEqual([]);
  });

  it('a refund the platform finishes later completes from its notification, once', async () => {
    const id = await orderFor(world, wechatResident, [500]);
    await pay(id, wechatResident);
    await sendNotification(world, paidNotice(id, 500));
    world.wechat.refundsPending = true;
    expect((await refund(id, 500)).body).toEqual({ status: 'refunding', refundedFen: 0 });
    world.wechat.refundsPending = false;
    const outRefundNo = world.wechat.refunds.at(-1)!.out_refund_no;
    const notice = world.wechat.notification('REFUND.SUCCESS', {
      out_trade_no: id,
      out_refund_no: outRefundNo,
      refund_status: 'SUCCESS',
    });
    expect((await sendNotification(world, notice)).status).toBe(204);
    expect((await sendNotification(world, notice)).status).toBe(204);
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 500 });
    expect(world.events.filter((e) => e === `refunded:${id}:500`)).toHaveLength(1);
  });

  it('a refund the platform failed (500) is sent again by the sweeper', async () => {
    const id = await orderFor(world, wechatResident, [300]);
    await pay(id, wechatResident);
    await sendNotification(world, paidNotice(id, 300));
    world.wechat.failNext('5xx');
    expect((await refund(id, 300)).status).toBe(502);
    expect((await stored(id))?.status).toBe('refunding');
    await paymentReconciliation.tick(world.deps);
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 300 });
  });

  it('an answer WeChat Pay did not sign is believed nowhere: no payment starts, no query settles, no refund completes', async () => {
    const raised = await alertCount('payment-answer-signature-invalid');
    const id = await orderFor(world, wechatResident, [270]);
    world.wechat.failNext('bad-signature');
    const forged = await pay(id, wechatResident);
    expect(forged.status).toBe(502);
    expect(forged.body.code).toBe('PAYMENT_PROVIDER_FAILED');
    expect(await stored(id)).toMatchObject({ status: 'created', provider: null, prepayId: null });

    expect((await pay(id, wechatResident)).status).toBe(200);
    world.wechat.pay(id, 270);
    // Every answer of this round is forged, whichever orders the sweeper asks about.
    world.wechat.failNext('bad-signature', 100);
    await paymentReconciliation.tick(world.deps);
    world.wechat.recover();
    expect(await stored(id)).toMatchObject({ status: 'paying', paidFen: 0 });
    expect(world.events).not.toContain(`paid:${id}`);
    world.clock.advance(61_000); // the failed round's lease runs out
    await paymentReconciliation.tick(world.deps);
    expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 270 });

    world.wechat.failNext('bad-signature');
    expect((await refund(id, 270)).status).toBe(502);
    expect(await stored(id)).toMatchObject({ status: 'refunding', refundedFen: 0 });
    world.clock.advance(61_000);
    await paymentReconciliation.tick(world.deps);
    expect(await stored(id)).toMatchObject({ status: 'refunded', refundedFen: 270 });
    expect(new Set(world.wechat.refunds.filter((r) => r.out_trade_no === id).map((r) => r.out_refund_no)).size).toBe(1);
    expect(await alertCount('payment-answer-signature-invalid')).toBeGreaterThanOrEqual(raised + 3);
  });

  it('a signed answer about another order settles nothing: each query must name the order asked about', async () => {
    const asked = await orderFor(world, wechatResident, [420]);
    const other = await orderFor(world, wechatResident, [420]);
    await pay(asked, wechatResident);
    await pay(other, wechatResident);
    world.wechat.pay(other, 420);
    world.clock.advance(61_000); // past any lease an earlier round left
    world.wechat.failNext('another-trade', 100);
    await paymentReconciliation.tick(world.deps);
    world.wechat.recover();
    expect(await stored(asked)).toMatchObject({ status: 'paying', paidFen: 0, providerTradeNo: null });
    world.clock.advance(61_000);
    await paymentReconciliation.tick(world.deps);
    expect(await stored(other)).toMatchObject({ status: 'paid', paidFen: 420 });
    expect(await stored(asked)).toMatchObject({ status: 'paying', paidFen: 0 });
  });

  it('while WeChat Pay switches keys, each key is taken under its own serial; an unknown serial is refused (401)', async () => {
    const next = world.wechat.env.WECHAT_PAY_PLATFORM_OTHER_KEYS!.split(':')[0]!;
    const id = await orderFor(world, wechatResident, [330]);
    await pay(id, wechatResident);
    // Signed by the current key but naming the next one's serial: the serial picks the key.
    const misnamed = await sendNotification(world, paidNotice(id, 330, { serial: next }));
    expect(misnamed.status).toBe(401);
    world.wechat.signWith('next');
    try {
      const unknown = await sendNotification(world, paidNotice(id, 330, { serial: 'PUB_KEY_ID_0119000001099999' }));
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('PAYMENT_SIGNATURE_INVALID');
      const logged = world.app.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({
          alert: 'payment-signature-invalid',
          reason: 'unknown-serial',
          serial: 'PUB_KEY_ID_0119000001099999',
        }),
      );
      expect((await stored(id))?.status).toBe('paying');

      // The next key's answers are believed too: a new payment starts, and its notification settles.
      const other = await orderFor(world, wechatResident, [340]);
      expect((await pay(other, wechatResident)).status).toBe(200);
      expect((await sendNotification(world, paidNotice(id, 330))).status).toBe(204);
      expect(await stored(id)).toMatchObject({ status: 'paid', paidFen: 330 });
    } finally {
      world.wechat.signWith('current');
    }
  });
});
