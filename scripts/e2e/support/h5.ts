import type { Page } from 'playwright-core';

/** What an end-to-end test does on the H5 app: find what a person sees, sign in as a demo account. */
export function h5(page: Page, baseUrl: string) {
  // Taro's H5 router keeps earlier pages in the DOM, hidden; only the visible copy counts.
  const visible = (text: string | RegExp, exact = false) =>
    page.getByText(text, { exact }).filter({ visible: true }).first();
  const shown = (selector: string) => page.locator(selector).filter({ visible: true }).first();

  /** Through 我的 and the dev provider's picker, as a tester would; signs out whoever was in. */
  async function signInAs(label: string) {
    await page.goto(baseUrl);
    await page.getByText('我的', { exact: true }).last().click();
    await page.waitForURL(/pages\/mine/);
    // 我的 restores the stored session after it first renders: wait until it shows one state or
    // the other before deciding, or a late restore hides the picker we are waiting for.
    const picker = visible('选择体验账号登录');
    const signOut = visible('退出登录');
    await picker.or(signOut).first().waitFor({ timeout: 15_000 });
    if (await signOut.isVisible()) await signOut.click();
    await picker.waitFor({ timeout: 15_000 });
    await visible(label).click();
    await visible('退出登录').waitFor({ timeout: 15_000 });
  }

  return { visible, shown, signInAs };
}

/** A real API call, for the set-up a test needs but is not about; creating POSTs get a fresh key. */
export async function callApi(baseUrl: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' ? { 'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`);
  return answer;
}
