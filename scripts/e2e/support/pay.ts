import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Demo } from './demo';

const shown = (page: Page, selector: string) => page.locator(selector).filter({ visible: true }).first();

/**
 * On a page showing the pay page (`/payments/pages/pay/index?id=…`), pays through the dev
 * payment page as a resident would: reads the itemised total, taps 确认支付 and waits until the
 * order says 已支付. A refusal on the page (closed, expired, already paid) fails with its text.
 * Answers the total the resident saw, e.g. `¥3.60`.
 */
export async function payOnDevPage(page: Page, options: { timeout?: number } = {}): Promise<string> {
  const timeout = options.timeout ?? 15_000;
  await page.waitForURL(/payments\/pages\/pay\/index\?.*id=[0-9a-f]{24}/, { timeout });
  const total = shown(page, '#pay-total');
  await total.waitFor({ timeout });
  // Only the development build offers this page; anything else here is not the dev provider.
  await page.getByText('开发环境模拟支付', { exact: false }).filter({ visible: true }).first().waitFor({ timeout });
  const seen = ((await total.textContent()) ?? '').trim();
  await shown(page, '#pay-confirm').click();
  const paid = page.locator('#pay-status', { hasText: '已支付' }).filter({ visible: true }).first();
  const refused = shown(page, '#pay-error');
  await paid.or(refused).first().waitFor({ timeout });
  if (await refused.isVisible()) throw new Error(`the dev payment page refused: ${await refused.textContent()}`);
  return seen;
}

/** Today in China, the day a 收款日报 covers. */
export const chinaDay = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * As the staff account `staff` (a demo sign-in label): 我的 → 工作台 → the 收款日报 of `place`, on
 * `day` (`chinaDay()` when the order was made, so a test crossing midnight in China still finds
 * it). Waits until the order described `description` is listed and answers its card's text.
 */
export async function onStatement(
  demo: Demo,
  staff: string,
  place: string,
  description: string,
  day: string,
): Promise<string> {
  const { page, ui } = demo;
  await ui.signInAs(staff);
  await ui.visible('工作台').click();
  const desk = page.locator('.workbench').filter({ hasText: place }).filter({ visible: true }).first();
  await desk.getByText('收款日报：订单、实收、退款', { exact: true }).click();
  await page.waitForURL(/payments\/pages\/statement\/index\?scope=/);
  await ui.shown('#statement-summary').waitFor({ timeout: 15_000 });
  if (chinaDay() !== day) {
    await ui.shown('#statement-prev').click();
    await expect.poll(() => ui.shown('#statement-date').textContent()).toBe(day);
  }
  const card = page.locator('.statement__order').filter({ hasText: description }).filter({ visible: true }).first();
  await card.waitFor({ timeout: 15_000 });
  return (await card.textContent()) ?? '';
}
