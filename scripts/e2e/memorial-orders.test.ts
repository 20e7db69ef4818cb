import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo, type Demo } from './support/demo';
import { chinaDay, onStatement, payOnDevPage } from './support/pay';

/** 林远山's memorial in the seed, owned by the demo resident 李晓梅. */
const CODE = 'sh2dem7a2x';
// Any real PNG does: the upload endpoint sniffs the bytes and re-encodes them.
const PHOTO = fileURLToPath(new URL('../../miniapp/src/assets/tab-home.png', import.meta.url));

/** The cemetery's staff work the order on their desk: accept, start, complete with a photo. */
async function staffComplete(demo: Demo, orderId: string) {
  const { page, ui } = demo;
  await ui.signInAs('工作人员（松鹤陵园）');
  await ui.visible('工作台').click();
  await ui.visible('云祭扫：入园核验、时段与审核').click();
  await page.waitForURL(/memorial\/pages\/staff/);
  await ui.shown('#mm-desk-orders').click();
  await ui.shown(`#mm-staff-order-accept-${orderId}`).click();
  await ui.visible('订单已受理，已通知家属').waitFor({ timeout: 15_000 });
  await ui.shown('#mm-staff-orders-accepted').click();
  await ui.shown(`#mm-staff-order-start-${orderId}`).click();
  await ui.visible('订单服务中，已通知家属').waitFor({ timeout: 15_000 });
  await ui.shown('#mm-staff-orders-in_progress').click();
  const card = page.locator(`#mm-staff-order-${orderId}`);
  const complete = ui.shown(`#mm-staff-order-complete-${orderId}`);
  await expect.poll(() => complete.getAttribute('aria-disabled'), { timeout: 15_000 }).toBe('true');
  const chooser = page.waitForEvent('filechooser');
  await card.getByText('+ 添加照片', { exact: true }).click();
  await (await chooser).setFiles(PHOTO);
  // Uploaded once the photo stands on its own, with no progress item left.
  const uploaded = card.locator('.kit-upload__item:not([aria-busy]) img').filter({ visible: true });
  await expect.poll(() => uploaded.count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => complete.getAttribute('aria-disabled')).toBe('false');
  expect(await photographAndAudit(page, 'memorial-staff-order', false)).toEqual([]);
  await complete.click();
  await ui.visible('订单已完成，已通知家属').waitFor({ timeout: 15_000 });
  await ui.shown('#mm-staff-orders-done').click();
  await card.locator('img').first().waitFor({ timeout: 15_000 });
  await setElderMode(page, true);
  await page.reload();
  // In large text the gate's check-in is the first thing on the desk, not the day's figures.
  await ui.shown('#mm-checkin-submit').waitFor({ timeout: 15_000 });
  expect(await photographAndAudit(page, 'memorial-staff-desk', true)).toEqual([]);
  await ui.shown('#mm-desk-figures').click();
  await expect.poll(() => ui.shown('#mm-figures').textContent(), { timeout: 15_000 }).toMatch(/今日数据.*已完成/);
  expect(await photographAndAudit(page, 'memorial-staff-figures', true)).toEqual([]);
  await setElderMode(page, false);
}

describe.skipIf(!hasChromium)(
  '云祭扫 service orders in Chromium: order proxy sweeping, pay; staff complete it; see the photo',
  () => {
    const demo = useDemo();

    it('the family orders 代客祭扫 from the memorial page, pays, sees it paid; staff see it on the day’s 收款日报 and complete it; the family sees the photo', async () => {
      await demo.page.setViewportSize({ width: 375, height: 812 });
      await demo.ui.signInAs('居民 李晓梅');
      await demo.page.goto(`${demo.url}/memorial/pages/memorial/index?code=${CODE}`);
      await demo.ui.shown('#mm-order-service').click();
      await demo.page.waitForURL(/memorial\/pages\/order\/index\?memorial=/);
      await demo.ui.shown('#mm-package-0').waitFor({ timeout: 15_000 });
      await demo.ui.visible('代客祭扫·清洁（¥88.00）').click();
      const place = demo.ui.shown('#mm-order-place');
      await expect.poll(() => place.textContent()).toBe('提交订单 ¥88.00');
      expect(await photographAndAudit(demo.page, 'memorial-order-form', false)).toEqual([]);
      const day = chinaDay();
      await place.click();

      await demo.page.waitForURL(/memorial\/pages\/order\/index\?id=([0-9a-f]{24})/, { timeout: 15_000 });
      const orderId = /id=([0-9a-f]{24})/.exec(demo.page.url())![1]!;
      await demo.ui.visible('代客祭扫·清洁 · 待支付').waitFor({ timeout: 15_000 });
      await demo.ui.shown('#mm-order-pay').click();
      expect(await payOnDevPage(demo.page)).toBe('¥88.00');
      await demo.page.goto(`${demo.url}/memorial/pages/order/index?id=${orderId}`);
      await demo.ui.visible('代客祭扫·清洁 · 已提交').waitFor({ timeout: 15_000 });
      await demo.page.goto(`${demo.url}/payments/pages/orders/index`);
      await expect
        .poll(() => demo.ui.shown('#orders-list').textContent(), { timeout: 15_000 })
        .toMatch(/代客祭扫·清洁 林远山.*已支付/);

      const onDay = await onStatement(demo, '工作人员（松鹤陵园）', '松鹤陵园', '代客祭扫·清洁 林远山', day);
      expect(onDay).toMatch(/代客祭扫·清洁 林远山.*已支付.*应付 ¥88\.00.*实收 ¥88\.00/);

      await staffComplete(demo, orderId);
      await demo.ui.signInAs('居民 李晓梅');
      await demo.page.goto(`${demo.url}/memorial/pages/order/index?id=${orderId}`);
      await demo.ui.visible('代客祭扫·清洁 · 已完成').waitFor({ timeout: 15_000 });
      await demo.page.locator('#mm-completion-photos img').first().waitFor({ timeout: 15_000 });
      for (const elder of [false, true]) {
        await setElderMode(demo.page, elder);
        await demo.page.reload();
        await demo.page.locator('#mm-completion-photos img').first().waitFor({ timeout: 15_000 });
        expect(await photographAndAudit(demo.page, 'memorial-order-done', elder)).toEqual([]);
      }
      await setElderMode(demo.page, false);
    });
  },
);
