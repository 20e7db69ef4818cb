import type { Connection } from 'mongoose';
import { seedAccounts } from './accounts';
import { seedCharging } from './charging';
import { seedInsurance } from './insurance';
import { seedMemorial } from './memorial';
import { seedParentSchool } from './parent-school';
import { seedPayments } from './payments';

/** Each feature's demo data, applied in order; every part is idempotent, so this runs on every
 * start and changes nothing the second time. Returns lines worth printing. */
export async function seedDemo(connection: Connection): Promise<string[]> {
  const accounts = await seedAccounts(connection);
  const parentSchool = await seedParentSchool(connection);
  const insurance = await seedInsurance(connection);
  const memorial = await seedMemorial(connection);
  const payments = await seedPayments(connection);
  const charging = await seedCharging(connection);
  return [
    `demo accounts (H5 sign-in picker): ${accounts.accounts.join(', ')}`,
    `家长学校: ${parentSchool.schools} schools, ${parentSchool.courses} courses, ${parentSchool.sessionsAdded} new sessions`,
    `医保: ${insurance.persons} insured persons, ${insurance.contributions} contribution months, ${insurance.faq} FAQ, ${insurance.halls} halls`,
    `云祭扫: ${memorial.cemeteries} cemeteries, ${memorial.memorials} memorials, ${memorial.campaigns} Qingming campaign`,
    `支付: 李晓梅's demo order ${payments.orderId} is ${payments.status} (我的 → 我的订单)`,
    `充电: ${charging.towns.join(', ')} (${charging.portsAdded} new ports)`,
  ];
}
