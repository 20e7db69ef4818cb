import { describe, expect, it } from 'vitest';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { scheduleDemoSession } from './support/parent-school';

const COURSE = '端到端：陪孩子读完一本书';

describe.skipIf(!hasChromium)('家长学校 in Chromium: book, see the QR, cancel; staff check in by short code', () => {
  /** The session starting within the hour that the resident books and staff check in. */
  async function scheduleSessionSoon(url: string) {
    await scheduleDemoSession(
      url,
      { title: COURSE, summary: '每天十分钟，和孩子一起读。' },
      { startsInMs: 40 * 60_000, capacity: 30 },
    );
  }

  const demo = useDemo(scheduleSessionSoon);

  async function bookOurSession() {
    await demo.page.goto(demo.url);
    await demo.ui.visible('家长学校', true).click();
    await demo.ui.visible('校门口的家长学校').waitFor({ timeout: 15_000 });
    await demo.ui.visible(COURSE).click();
    await demo.page.waitForURL(/parent-school\/pages\/session/);
    await demo.ui.shown('#ps-book').click();
    await demo.ui.visible('预约成功！签到码在“我的预约”里').waitFor({ timeout: 15_000 });
  }

  async function showPass(): Promise<string> {
    await demo.ui.visible('查看签到码 / 取消预约').click();
    await demo.page.waitForURL(/parent-school\/pages\/mine/);
    await demo.ui.visible(COURSE).waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ps-show-pass').click();
    const code = demo.ui.shown('#ps-short-code');
    await code.waitFor({ timeout: 15_000 });
    const qr = demo.page.locator('.ps-pass__qr img, img.ps-pass__qr').filter({ visible: true }).first();
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const shortCode = (await code.textContent())?.trim() ?? '';
    expect(shortCode).toMatch(/^\d{6}$/);
    return shortCode;
  }

  it('a resident finds the session, books it, sees the QR code in 我的预约 and cancels', async () => {
    await demo.ui.signInAs('家长 王建国');
    await bookOurSession();
    await showPass();

    await demo.ui.shown('#ps-cancel').click();
    await demo.ui.visible('确定取消', true).click();
    await demo.ui.visible('您已取消').waitFor({ timeout: 15_000 });
    await expect(demo.page.locator('#ps-short-code').filter({ visible: true }).count()).resolves.toBe(0);
  });

  it('a staff account checks a booking in by its short code', async () => {
    await bookOurSession();
    const shortCode = await showPass();

    await demo.ui.signInAs('工作人员（绍兴市第一初级中学）');
    await demo.ui.visible('工作台').click();
    await demo.ui.visible('家长学校：签到与名单').click();
    await demo.page.waitForURL(/parent-school\/pages\/staff/);
    await demo.ui.visible(new RegExp(COURSE.slice(0, 8))).waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ps-checkin-code input').fill(shortCode);
    await demo.ui.shown('#ps-checkin-submit').click();
    await demo.ui.visible(`签到成功（${shortCode}）`).waitFor({ timeout: 15_000 });
    await demo.ui.visible(/已签到 \d\d:\d\d/).waitFor({ timeout: 15_000 });
    // The roster names the family masked, as the accounts feature keeps it.
    await demo.ui.visible('王**', true).waitFor({ timeout: 15_000 });

    // The same code again changes nothing and says so.
    await demo.ui.shown('#ps-checkin-code input').fill(shortCode);
    await demo.ui.shown('#ps-checkin-submit').click();
    await demo.ui.visible('已签到，无需重复签到').waitFor({ timeout: 15_000 });
  });
});
