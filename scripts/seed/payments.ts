import type { Connection } from 'mongoose';
import { createOrder } from '@warmcity/bff/payments/orders';
import { ids } from './ids';

const DAY_MS = 24 * 3600_000;

/**
 * One payable order for the demo resident 李晓梅, as the cemetery's paid service would create
 * it, so the demo (and the payments end-to-end test) can show paying through the dev payment
 * page and the order on 松鹤陵园's statement. Its subject belongs to no feature, so no feature's
 * hooks hear of it; `createOrder` is keyed by the subject, so a rerun returns the same order.
 */
export async function seedPayments(connection: Connection, now = new Date()) {
  const order = await createOrder(
    { connection, clock: { now: () => now } },
    {
      payer: { id: ids.demoResident },
      amountFen: 5000,
      description: '代为祭扫（演示订单）',
      items: [
        { name: '代为祭扫 · 鲜花一束', amountFen: 3000 },
        { name: '墓碑清洁', amountFen: 2000 },
      ],
      subject: { feature: 'demo', kind: 'sweeping', id: 'demo-resident-sweeping' },
      scope: `cemetery:${ids.songheCemetery}`,
      expiresAt: new Date(now.getTime() + 30 * DAY_MS),
    },
  );
  return { orderId: order._id.toHexString(), status: order.status };
}
