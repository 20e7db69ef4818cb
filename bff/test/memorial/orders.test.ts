import { memorialAccountData } from '../../src/features/memorial/account-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceOrders } from '../../src/features/memorial/service-order.model';
import { ServicePackages } from '../../src/features/memorial/service-package.model';
import { PaymentOrders } from '../../src/platform/payments/order.model';
import { Uploads } from '../../src/platform/uploads/upload.model';
import { standingClock } from '../support/app';
import { uploadPhoto } from '../support/uploads';
import { base, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

// 10:00 China time on 20 March 2027, so "today" is 2027-03-20 there.
const NOW = new Date('2027-03-20T02:00:00Z');

let app: MemorialTestApp;
const pkg: Record<'clean' | 'flowers' | 'burial' | 'repair' | 'elsewhere', string> = {
  clean: '',
  flowers: '',
  burial: '',
  repair: '',
  elsewhere: '',
};

beforeAll(async () => {
  app = await startMemorialApp({ clock: standingClock(NOW) });
  const [clean, flowers, burial, repair, elsewhere] = await ServicePackages(app.connection).create([
    { cemeteryId: app.cemeteryId, kind: 'sweeping', name: '代客祭扫·清洁', priceFen: 8_800 },
    { cemeteryId: app.cemeteryId, kind: 'sweeping', name: '代客祭扫·清洁+鲜花', priceFen: 16_800 },
    { cemeteryId: app.cemeteryId, kind: 'burial', name: '入葬服务预约', priceFen: 0 },
    { cemeteryId: app.cemeteryId, kind: 'repair', name: '墓穴报修', priceFen: 0 },
    { cemeteryId: app.otherCemeteryId, kind: 'sweeping', name: '忠烈园代祭扫', priceFen: 100 },
  ]);
  Object.assign(pkg, {
    clean: clean!.id,
    flowers: flowers!.id,
    burial: burial!.id,
    repair: repair!.id,
    elsewhere: elsewhere!.id,
  });
});
afterAll(() => app?.close());

const upload = (token: string) => uploadPhoto(app, token, '#607040');

const order = (token: string, memorialId: string, body: Record<string, unknown>) =>
  app.post(token, `/memorials/${memorialId}/service-orders`, body);

async function placed(token: string, memorialId: string, body: Record<string, unknown>) {
  const response = await order(token, memorialId, { date: '2027-03-25', ...body });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; state: string; paymentOrderId: string | null };
}

async function pay(token: string, paymentOrderId: string) {
  expect((await app.request('POST', `/api/payments/orders/${paymentOrderId}/payment`, { token })).status).toBe(200);
  const paid = await app.request('POST', `/api/payments/orders/${paymentOrderId}/dev-payment`, { token });
  expect(paid.status, paid.text).toBe(200);
}

const mine = (token: string, id: string) => app.request('GET', `${base}/me/service-orders/${id}`, { token });
const staffMove = (token: string, id: string, action: string, body?: unknown) =>
  app.post(token, `/staff/service-orders/${id}/${action}`, body);

async function inboxKinds(token: string) {
  const inbox = await app.request('GET', '/api/notifications', { token });
  expect(inbox.status, inbox.text).toBe(200);
  return (inbox.body.items as { kind: string }[]).map((item) => item.kind).sort();
}

describe('service orders: the paid flow', () => {
  it('a priced sweeping is paid when placed, worked by staff with photos, and the family is told each change', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner);
    const packages = await app.request('GET', `${base}/cemeteries/${app.cemeteryId}/service-packages`);
    expect(packages.body.items.map((p: { name: string; priceFen: number }) => [p.name, p.priceFen])).toEqual([
      ['入葬服务预约', 0],
      ['墓穴报修', 0],
      ['代客祭扫·清洁', 8_800],
      ['代客祭扫·清洁+鲜花', 16_800],
    ]);

    const created = await placed(owner, memorial.id, { packageId: pkg.flowers, note: '请放一束白菊' });
    expect(created.state).toBe('awaiting_payment');
    const payment = await PaymentOrders(app.connection).findById(created.paymentOrderId).lean();
    expect(payment).toMatchObject({
      amountFen: 16_800,
      status: 'created',
      scope: `cemetery:${app.cemeteryId}`,
      subject: { feature: 'memorial', kind: 'service-order', id: created.id },
    });
    // Not the cemetery's to work before it is paid.
    expect((await staffMove(app.staff, created.id, 'accept')).body.code).toBe('SERVICE_ORDER_STATE');

    await pay(owner, created.paymentOrderId!);
    expect((await mine(owner, created.id)).body.state).toBe('submitted');
    const queue = await app.request(
      'GET',
      `${base}/staff/cemeteries/${app.cemeteryId}/service-orders?state=submitted`,
      {
        token: app.staff,
      },
    );
    expect(queue.body.items.map((o: { id: string }) => o.id)).toEqual([created.id]);

    expect((await staffMove(app.staff, created.id, 'accept')).body.state).toBe('accepted');
    expect((await staffMove(app.staff, created.id, 'start')).body.state).toBe('in_progress');
    const photo = await upload(app.staff);
    const done = await staffMove(app.staff, created.id, 'complete', { photos: [photo] });
    expect(done.status, done.text).toBe(200);

    const seen = await mine(owner, created.id);
    expect(seen.body).toMatchObject({
      state: 'done',
      note: '请放一束白菊',
      date: '2027-03-25',
      completionPhotos: [`/api/uploads/${photo}`],
      refundedFen: 0,
    });
    expect(seen.body.timeline.map((step: { state: string }) => step.state)).toEqual([
      'awaiting_payment',
      'submitted',
      'accepted',
      'in_progress',
      'done',
    ]);
    const list = await app.request('GET', `${base}/me/service-orders`, { token: owner });
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([created.id]);

    const photoStatus = async (token: string) => (await app.request('GET', `/api/uploads/${photo}`, { token })).status;
    expect(await photoStatus(owner)).toBe(200);
    expect(await photoStatus(app.staff)).toBe(200);
    expect(await photoStatus(app.resident())).toBe(404);
    expect(await photoStatus(app.otherStaff)).toBe(404);

    expect(await inboxKinds(owner)).toEqual(
      ['memorial_order_accepted', 'memorial_order_done', 'memorial_order_started'].sort(),
    );
  });

  it('the cemetery cancelling a paid order refunds it in full, and the refund is recorded', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner);
    const created = await placed(owner, memorial.id, { packageId: pkg.clean });
    await pay(owner, created.paymentOrderId!);
    await staffMove(app.staff, created.id, 'accept');

    const cancelled = await staffMove(app.staff, created.id, 'cancel', { reason: '当日暴雨，无法上山' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      cancelReason: '当日暴雨，无法上山',
      refundedFen: 8_800,
    });
    const payment = await PaymentOrders(app.connection).findById(created.paymentOrderId).lean();
    expect(payment).toMatchObject({ status: 'refunded', paidFen: 8_800, refundedFen: 8_800 });
    // Cancelling again changes nothing and refunds nothing more.
    expect((await staffMove(app.staff, created.id, 'cancel', { reason: '重复' })).body.refundedFen).toBe(8_800);
    expect((await PaymentOrders(app.connection).findById(created.paymentOrderId).lean())!.refundedFen).toBe(8_800);
    expect(await inboxKinds(owner)).toEqual(['memorial_order_accepted', 'memorial_order_cancelled']);
  });

  it('the family cancels before acceptance (a paid order refunded), not after', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner);
    const paid = await placed(owner, memorial.id, { packageId: pkg.clean });
    await pay(owner, paid.paymentOrderId!);
    const cancelled = await app.post(owner, `/me/service-orders/${paid.id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', refundedFen: 8_800 });
    expect((await PaymentOrders(app.connection).findById(paid.paymentOrderId).lean())!.status).toBe('refunded');

    const free = await placed(owner, memorial.id, { packageId: pkg.burial });
    expect(free).toMatchObject({ state: 'submitted', paymentOrderId: null });
    await staffMove(app.staff, free.id, 'accept');
    const late = await app.post(owner, `/me/service-orders/${free.id}/cancel`);
    expect([late.status, late.body.code]).toEqual([409, 'SERVICE_ORDER_STATE']);
    expect((await mine(owner, free.id)).body.state).toBe('accepted');
  });
});

describe('service orders: races and strangers', () => {
  it('ten racing accepts move the order once and tell the family once', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner);
    const created = await placed(owner, memorial.id, { packageId: pkg.burial });
    const answers = await Promise.all(Array.from({ length: 10 }, () => staffMove(app.staff, created.id, 'accept')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const stored = await ServiceOrders(app.connection).findById(created.id).lean();
    expect(stored!.timeline.map((step) => step.state)).toEqual(['submitted', 'accepted']);
    expect(await inboxKinds(owner)).toEqual(['memorial_order_accepted']);
  });

  it('an invited relative may order; a stranger, another family and another cemetery’s staff get 404', async () => {
    const owner = app.resident();
    const relative = app.resident();
    const stranger = app.resident();
    const memorial = await app.createMemorial(owner);
    const invite = await app.post(owner, `/memorials/${memorial.id}/invites`);
    expect((await app.post(relative, '/invites/accept', { code: invite.body.code })).status).toBe(200);
    const created = await placed(relative, memorial.id, { packageId: pkg.burial });
    const before = await ServiceOrders(app.connection).countDocuments();

    expect((await order(stranger, memorial.id, { packageId: pkg.burial, date: '2027-03-25' })).status).toBe(404);
    expect((await order(stranger, newObjectId(), { packageId: pkg.burial, date: '2027-03-25' })).status).toBe(404);
    expect((await mine(stranger, created.id)).status).toBe(404);
    expect((await mine(owner, created.id)).status).toBe(404);
    expect((await app.post(stranger, `/me/service-orders/${created.id}/cancel`)).status).toBe(404);
    expect((await staffMove(app.otherStaff, created.id, 'accept')).status).toBe(404);
    expect((await staffMove(app.otherStaff, created.id, 'cancel', { reason: '试探' })).status).toBe(404);
    const otherList = await app.request('GET', `${base}/staff/cemeteries/${app.cemeteryId}/service-orders`, {
      token: app.otherStaff,
    });
    expect(otherList.status).toBe(404);
    expect(await ServiceOrders(app.connection).countDocuments()).toBe(before);
    expect((await mine(relative, created.id)).body.state).toBe('submitted');
  });
});

describe('service orders: account deletion', () => {
  it('gives up the unpaid orders, keeps the paid ones for the cemetery, erases every note, exports them', async () => {
    const { token, user } = app.signIn('resident');
    const memorial = await app.createMemorial(token);
    const unpaid = await placed(token, memorial.id, { packageId: pkg.clean, note: '家中电话 138' });
    const paid = await placed(token, memorial.id, { packageId: pkg.flowers, note: '白菊' });
    await pay(token, paid.paymentOrderId!);
    const exported = (await memorialAccountData.exportData(user.id, app.deps)) as { serviceOrders: unknown[] };
    expect(exported.serviceOrders).toHaveLength(2);

    await memorialAccountData.onAccountDeleted(user.id, app.deps);

    const stored = await ServiceOrders(app.connection)
      .find({ _id: { $in: [unpaid.id, paid.id] } })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    expect(stored.map((o) => [o.state, o.note])).toEqual([
      ['cancelled', ''],
      ['submitted', ''],
    ]);
  });
});

describe('service orders: bad input stores nothing', () => {
  it('answers 400 for each bad input class and leaves no order, payment or attachment', async () => {
    const owner = app.resident();
    const memorial = await app.createMemorial(owner);
    const photos = await Promise.all(Array.from({ length: 7 }, () => upload(owner)));
    const orders = await ServiceOrders(app.connection).countDocuments();
    const payments = await PaymentOrders(app.connection).countDocuments();
    const cases: [Record<string, unknown>, string][] = [
      [{ packageId: pkg.clean, date: '2027-03-25', price: 1 }, 'VALIDATION_FAILED'],
      [{ packageId: { $gt: '' }, date: '2027-03-25' }, 'VALIDATION_FAILED'],
      [{ packageId: pkg.clean, date: '2027-03-19' }, 'SERVICE_DATE_OUT_OF_RANGE'],
      [{ packageId: pkg.clean, date: '2027-09-17' }, 'SERVICE_DATE_OUT_OF_RANGE'],
      [{ packageId: pkg.elsewhere, date: '2027-03-25' }, 'SERVICE_PACKAGE_UNKNOWN'],
      [{ packageId: newObjectId(), date: '2027-03-25' }, 'SERVICE_PACKAGE_UNKNOWN'],
      [{ packageId: pkg.repair, date: '2027-03-25', photos }, 'VALIDATION_FAILED'],
      [{ packageId: pkg.repair, date: '2027-03-25', note: '碑座开裂' }, 'REPAIR_NEEDS_PHOTO'],
      [{ packageId: pkg.repair, date: '2027-03-25', photos: [photos[0], newObjectId()] }, 'UPLOAD_NOT_FOUND'],
    ];
    for (const [body, code] of cases) {
      const response = await order(owner, memorial.id, body);
      expect([response.status, response.body.code], JSON.stringify(body)).toEqual([
        code === 'UPLOAD_NOT_FOUND' ? 404 : 400,
        code,
      ]);
    }
    expect(await ServiceOrders(app.connection).countDocuments()).toBe(orders);
    expect(await PaymentOrders(app.connection).countDocuments()).toBe(payments);
    expect(await Uploads(app.connection).countDocuments({ _id: { $in: photos }, attachedTo: { $ne: null } })).toBe(0);

    // The last day in range is accepted, and a repair keeps its photos.
    const repair = await placed(owner, memorial.id, {
      packageId: pkg.repair,
      date: '2027-09-16',
      photos: photos.slice(0, 6),
    });
    expect((await mine(owner, repair.id)).body.photos).toHaveLength(6);
    const completion = await staffMove(app.staff, repair.id, 'complete', { photos: [] });
    expect(completion.status).toBe(400);
  });
});
