import type { Page } from 'playwright-core';

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
