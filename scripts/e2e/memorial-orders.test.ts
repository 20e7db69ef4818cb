import { describe, expect, it } from 'vitest';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { callApi } from './support/h5';
import { payOnDevPage } from './support/pay';

/** 林远山's memorial in the seed, owned by the demo resident 李晓梅. */
const CODE = 'sh2dem7a2x';
// A valid 1×1 PNG: what the cemetery's phone would upload after sweeping.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The cemetery's staff work the order through the API: accept, start, complete with a photo. */
async function staffComplete(url: string, orderId: string) {
  const staff = await callApi(url, 'POST', '/api/accounts/sign-in', undefined, {
    provider: 'dev',
    code: 'demo-cemetery-staff',
  });
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'grave.png');
  const uploaded = await fetch(`${url}/api/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${staff.accessToken}` },
    body: form,
  });
  expect(uploaded.status).toBe(201);
  const photo = ((await uploaded.json()) as { id: string }).id;
  for (const action of ['accept', 'start']) {
    await callApi(url, 'POST', `/api/memorial/staff/service-orders/${orderId}/${action}`, staff.accessToken);
  }
  await callApi(url, 'POST', `/api/memorial/staff/service-orders/${orderId}/complete`, staff.accessToken, {
    photos: [photo],
  });
}

describe.skipIf(!hasChromium)('云祭扫 service orders in Chromium: order proxy sweeping, pay, see the photo', () => {
  const demo = useDemo();

  it('the family orders 代客祭扫 from the memorial page, pays, and sees the staff’s completion photo', async () => {
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
    await place.click();

    await demo.page.waitForURL(/memorial\/pages\/order\/index\?id=([0-9a-f]{24})/, { timeout: 15_000 });
    const orderId = /id=([0-9a-f]{24})/.exec(demo.page.url())![1]!;
    await demo.ui.visible('代客祭扫·清洁 · 待支付').waitFor({ timeout: 15_000 });
    await demo.ui.shown('#mm-order-pay').click();
    expect(await payOnDevPage(demo.page)).toBe('¥88.00');
    await demo.page.goto(`${demo.url}/memorial/pages/order/index?id=${orderId}`);
    await demo.ui.visible('代客祭扫·清洁 · 已提交').waitFor({ timeout: 15_000 });

    await staffComplete(demo.url, orderId);
    await demo.page.reload();
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
});
