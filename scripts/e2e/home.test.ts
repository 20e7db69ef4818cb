import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

describe.skipIf(!hasChromium)('home page in Chromium (H5 build served by the BFF)', () => {
  const demo = useDemo();

  it('shows the four service tiles and opens 家长学校 from its tile', async () => {
    await demo.page.goto(demo.url);
    for (const tile of ['家长学校', '电动车充电', '云祭扫', '医保查询']) {
      await demo.page.getByText(tile, { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    await demo.page.getByText('家长学校', { exact: true }).first().click();
    await demo.page.waitForURL(/parent-school/);
    expect(new URL(demo.page.url()).pathname).toContain('/parent-school/');
  });

  it('answers /readyz on the same origin', async () => {
    const response = await fetch(`${demo.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});
