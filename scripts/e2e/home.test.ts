import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchPhone } from './support/browser';
import { startStack, type Stack } from './support/stack';

describe.skipIf(!hasChromium)('home page in Chromium (H5 build served by the BFF)', () => {
  let stack: Stack;
  let phone: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    stack = await startStack();
    phone = await launchPhone();
  });
  afterAll(async () => {
    await phone?.close();
    await stack?.stop();
  });

  it('shows the four service tiles and opens 家长学校 from its tile', async () => {
    const page = await phone.context.newPage();
    await page.goto(stack.url);
    for (const tile of ['家长学校', '电动车充电', '云祭扫', '医保查询']) {
      await page.getByText(tile, { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    await page.getByText('家长学校', { exact: true }).first().click();
    await page.waitForURL(/parent-school/);
    expect(new URL(page.url()).pathname).toContain('/parent-school/');
  });

  it('answers /readyz on the same origin', async () => {
    const response = await fetch(`${stack.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});
