import { describe, expect, it } from 'vitest';
import { ids } from '../seed/ids';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { chinaDay, payOnDevPage } from './support/pay';

const ORDER = '代为祭扫（演示订单）';

describe.skipIf(!hasChromium)('支付 in Chromium: a resident pays the seeded order, staff see it on the day', () => {
  // The seed created the demo order as the stack started, just before this runs.
  let seededDay = '';
  const demo = useDemo(async () => void (seededDay = chinaDay()));
  /** The page as it is, in normal and large text. */
  const photograph = async (name: string) => {
    const found: string[] = [];
    for (const elder of [false, true]) {
      await setElderMode(demo.page, elder);
      await demo.page.reload();
      found.push(...(await photographAndAudit(demo.page, name, elder)));
    }
    await setElderMode(demo.page, false);
    await demo.page.reload();
    return found;
  };

  it('李晓梅 finds her order under 我的订单, sees it itemised, pays it on the dev page and sees it paid', async () => {
    await demo.ui.signInAs('居民 李晓梅');
    await demo.ui.shown('#orders-row').click();
    await demo.page.waitForURL(/payments\/pages\/orders/);
    await demo.ui.visible(ORDER).click();
    await demo.ui.visible('代为祭扫 · 鲜花一束').waitFor({ timeout: 15_000 });
    await demo.ui.visible('¥30.00', true).waitFor();
    await demo.ui.visible('墓碑清洁').waitFor();
    expect(await photograph('pay-order')).toEqual([]);

    expect(await payOnDevPage(demo.page)).toBe('¥50.00');
    expect(await demo.ui.shown('#pay-status').textContent()).toBe('已支付');
    await expect(demo.ui.shown('#pay-confirm').count()).resolves.toBe(0);

    await demo.page.goBack();
    await demo.page.waitForURL(/payments\/pages\/orders/);
    const row = demo.ui.shown(`#orders-list >> text=${ORDER}`);
    await row.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => demo.ui.shown('#orders-list').textContent(), { timeout: 15_000 })
      .toMatch(/代为祭扫（演示订单）.*已支付/);
    expect(await photograph('payments-orders')).toEqual([]);
  });

  it('松鹤陵园 staff open 收款日报 from 工作台 and see the order paid, with the day summed', async () => {
    await demo.ui.signInAs('工作人员（松鹤陵园）');
    await demo.ui.visible('工作台').click();
    await demo.ui.visible('收款日报：订单、实收、退款').click();
    await demo.page.waitForURL(new RegExp(`payments/pages/statement/index\\?scope=${ids.songheCemetery}`));
    await demo.ui.shown('#statement-summary').waitFor({ timeout: 15_000 });
    // Past midnight in China since the seed ran, the order is on yesterday's statement.
    if (chinaDay() !== seededDay) {
      await demo.ui.shown('#statement-prev').click();
      await expect.poll(() => demo.ui.shown('#statement-date').textContent()).toBe(seededDay);
    }
    await expect.poll(() => demo.ui.shown('#statement-count').textContent(), { timeout: 15_000 }).toBe('1 笔');
    expect(await demo.ui.shown('#statement-paid').textContent()).toBe('¥50.00');
    expect(await demo.ui.shown('#statement-refunded').textContent()).toBe('¥0.00');
    expect(await demo.ui.shown('#statement-net').textContent()).toBe('¥50.00');
    expect(await demo.ui.shown('#statement-summary ~ .statement__order').textContent()).toMatch(
      /代为祭扫（演示订单）.*已支付.*应付 ¥50\.00.*实收 ¥50\.00/,
    );
    expect(await photograph('payments-statement')).toEqual([]);

    await demo.ui.shown('#statement-prev').click();
    await demo.ui.visible('当天没有订单').waitFor({ timeout: 15_000 });
  });
});
