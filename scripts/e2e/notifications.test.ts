import { describe, expect, it } from 'vitest';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { scheduleDemoSession } from './support/parent-school';

const COURSE = '端到端：候补递补提醒';

describe.skipIf(!hasChromium)('消息 in Chromium: a waitlisted resident is promoted and told', () => {
  let cancelFirst: () => Promise<void> = async () => {};

  /** A one-seat session whose seat another resident already holds. */
  async function oneSeatTaken(url: string) {
    const { api, session } = await scheduleDemoSession(
      url,
      { title: COURSE, summary: '有人取消时，候补的人自动递补并收到消息。' },
      { startsInMs: 3 * 3600_000, capacity: 1 },
    );
    const first = await api('POST', '/api/accounts/sign-in', undefined, { provider: 'dev', code: 'e2e-first-parent' });
    const booking = await api('POST', '/api/parent-school/bookings', first.accessToken, { sessionId: session.id });
    cancelFirst = async () =>
      void (await api('POST', `/api/parent-school/bookings/${booking.id}/cancel`, first.accessToken, {}));
  }

  const demo = useDemo(oneSeatTaken);

  it('joins the waitlist, is promoted when the seat frees, sees the badge, the message and its link', async () => {
    await demo.ui.signInAs('家长 王建国');
    await demo.ui.visible('首页', true).click();
    await demo.ui.visible('家长学校', true).click();
    await demo.ui.visible(COURSE).click();
    await demo.page.waitForURL(/parent-school\/pages\/session/);
    await demo.ui.shown('#ps-book').click();
    await demo.ui.visible(/您已进入候补第 1 位/).waitFor({ timeout: 15_000 });
    // A dev sign-in has no platform to ask: the prompt says where the messages go instead.
    await demo.ui.shown('#push-subscribe-inbox').waitFor();

    await cancelFirst();

    // 首页 shows it first: the badge on the 我的 tab and a 消息 row of its own.
    await demo.page.goto(demo.url);
    const badge = demo.page.locator('.weui-badge').filter({ visible: true }).first();
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => demo.ui.shown('#home-unread').textContent(), { timeout: 15_000 }).toContain('1 条未读');
    await demo.page.getByText('我的', { exact: true }).last().click();
    await demo.page.waitForURL(/pages\/mine/);
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('1');

    await demo.ui.shown('#inbox-row').click();
    await demo.page.waitForURL(/notifications\/pages\/inbox/);
    const message = demo.ui.visible(new RegExp(`您候补的《${COURSE}》已为您保留座位`));
    await message.waitFor({ timeout: 15_000 });
    await message.click();
    await demo.page.waitForURL(/parent-school\/pages\/mine/);
    await demo.ui.visible(COURSE).waitFor({ timeout: 15_000 });
    // The link names the booking, and that card is the one marked.
    await demo.page.locator('.ps-booking--linked').filter({ hasText: COURSE }).waitFor({ timeout: 15_000 });
  });

  it('消息设置 turns a kind off and keeps it off; 消息 and 消息设置 pass the kit checks in normal and large text', async () => {
    const { page, ui } = demo;
    await page.goto(`${demo.url}/pages/mine/index`);
    await ui.shown('#notification-settings-row').click();
    await page.waitForURL(/notifications\/pages\/settings/);
    const promoted = () => ui.shown('#nt-kind-booking_promoted');
    await expect.poll(() => promoted().getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    await promoted().click();
    await expect.poll(() => promoted().getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');
    // Stored, not just drawn: a fresh load shows it off, and the other kinds still on.
    await page.reload();
    await expect.poll(() => promoted().getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');
    await expect(ui.shown('#nt-kind-class_reminder').getAttribute('aria-checked')).resolves.toBe('true');

    await page.setViewportSize({ width: 375, height: 812 });
    const found: string[] = [];
    for (const elder of [false, true]) {
      await setElderMode(page, elder);
      for (const [name, path] of [
        ['nt-inbox', '/notifications/pages/inbox/index'],
        ['nt-settings', '/notifications/pages/settings/index'],
      ] as const) {
        await page.goto(`${demo.url}${path}`);
        found.push(...(await photographAndAudit(page, name, elder)));
      }
    }
    await setElderMode(page, false);
    expect(found).toEqual([]);
  });

  it('an admin finds 推送失败 on 工作台 (none in the demo) and the page passes the kit checks', async () => {
    const { page, ui } = demo;
    await ui.signInAs('管理员');
    await ui.shown('#workbench-row').click();
    await page.waitForURL(/accounts\/pages\/workbench/);
    await ui.shown('#workbench-dead-letters').click();
    await page.waitForURL(/notifications\/pages\/dead/);
    await ui.visible('没有推送失败的消息').waitFor({ timeout: 15_000 });
    const found: string[] = [];
    for (const elder of [false, true]) {
      await setElderMode(page, elder);
      await page.reload();
      await ui.visible('没有推送失败的消息').waitFor({ timeout: 15_000 });
      found.push(...(await photographAndAudit(page, 'nt-dead-letters', elder)));
    }
    await setElderMode(page, false);
    expect(found).toEqual([]);
  });
});
