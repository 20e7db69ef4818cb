import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPage, screenshotDir, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

/** 林远山's memorial in the seed: a `link` one, open to whoever holds the grave's QR code. */
const CODE = 'sh2dem7a2x';
const MESSAGE = '爷爷，清明我们回来看您。';

describe.skipIf(!hasChromium)(
  '云祭扫 in Chromium: open by code, tribute, book a Qingming visit; staff let it in',
  () => {
    const demo = useDemo();

    /** The page as it is now, in normal and large text, for a person to look at; and what axe
     * and the kit's own checks find on it (labels, contrast, 44 px targets). */
    async function screenshots(name: string) {
      const found: string[] = [];
      for (const elder of [false, true]) {
        await setElderMode(demo.page, elder);
        await demo.page.reload();
        await demo.page
          .locator('.page--elder')
          .first()
          .waitFor({ state: elder ? 'attached' : 'detached' });
        await demo.page.waitForLoadState('networkidle');
        const mode = elder ? 'large' : 'normal';
        await demo.page.screenshot({ path: join(screenshotDir, `memorial-${name}-${mode}.png`), fullPage: true });
        for (const problem of await auditPage(demo.page)) found.push(`${name} (${mode}): ${problem}`);
      }
      await setElderMode(demo.page, false);
      await demo.page.reload();
      // A reload refreshes the session; leaving before the rotated token is stored signs it out.
      await demo.page.waitForLoadState('networkidle');
      expect(found).toEqual([]);
    }

    let entryCode = '';

    it('a resident opens a memorial by its code, leaves a flower and a message', async () => {
      await demo.page.setViewportSize({ width: 375, height: 812 });
      await demo.ui.signInAs('居民 李晓梅');
      await demo.page.goto(demo.url);
      await demo.ui.visible('云祭扫', true).click();
      await demo.page.waitForURL(/memorial\/pages\/index/);
      await screenshots('home');
      await demo.ui.shown('#mm-code input').fill(CODE);
      await demo.ui.shown('#mm-open').click();
      await demo.page.waitForURL(/memorial\/pages\/memorial/);
      await demo.ui.visible('一生务农，种了一辈子杨梅。').waitFor({ timeout: 15_000 });
      await demo.ui.visible(/东门|正门/).waitFor();

      const flowers = demo.ui.shown('#mm-total-flower');
      const before = Number(await flowers.textContent());
      await demo.ui.shown('#mm-tribute-flower').click();
      await expect.poll(async () => Number(await flowers.textContent()), { timeout: 15_000 }).toBe(before + 1);

      await demo.ui.shown('#mm-message-text textarea').fill(MESSAGE);
      await demo.ui.shown('#mm-send-message').click();
      await demo.page.locator('#mm-messages').getByText(MESSAGE).filter({ visible: true }).waitFor({ timeout: 15_000 });
      await screenshots('page');
    });

    it('books a Qingming slot with two companions and sees the entry code', async () => {
      await demo.page.goto(`${demo.url}/memorial/pages/index/index`);
      await demo.ui.shown('#mm-to-visit').click();
      await demo.page.waitForURL(/memorial\/pages\/visit\//);
      await demo.ui.shown('#mm-slot-1').waitFor({ timeout: 15_000 });
      await screenshots('visit');
      await demo.ui.shown('#mm-slot-1').click();
      for (const [index, name] of ['林小雨', '林大海'].entries()) {
        await demo.ui.shown('#mm-add-companion').click();
        await demo.ui.shown(`#mm-companion-${index} input`).fill(name);
      }
      // The button turns on once both names reached the page's state.
      const book = demo.ui.shown('#mm-book-visit');
      await expect.poll(() => book.textContent()).toBe('预约 4月4日 周日 09:00（3 人）');
      await expect.poll(() => book.getAttribute('aria-disabled')).toBe('false');
      await book.click();
      const code = demo.ui.shown('#mm-entry-code');
      await code.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
        await demo.page.screenshot({ path: join(screenshotDir, 'memorial-booking-failed.png'), fullPage: true });
        throw error;
      });
      entryCode = (await code.textContent())?.trim() ?? '';
      expect(entryCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      await demo.ui.visible('共 3 人：本人及 林小雨、林大海').waitFor();
      await demo.page.screenshot({ path: join(screenshotDir, 'memorial-entry-code-normal.png'), fullPage: true });

      await demo.ui.visible('查看我的祭扫预约').click();
      await demo.page.waitForURL(/memorial\/pages\/visits/);
      await demo.ui.visible(entryCode).waitFor({ timeout: 15_000 });
      await screenshots('visits');
    });

    it('the family finds its grave by the plot certificate', async () => {
      await demo.page.goto(`${demo.url}/memorial/pages/index/index`);
      await demo.ui.shown('#mm-to-graves').click();
      await demo.page.waitForURL(/memorial\/pages\/graves/);
      await demo.ui.shown('#mm-grave-certificate input').fill('SEED-sh2dem7b3x');
      const search = demo.ui.shown('#mm-grave-search');
      await expect.poll(() => search.getAttribute('aria-disabled')).toBe('false');
      await search.click();
      await demo.ui.visible('陈月娥').waitFor({ timeout: 15_000 });
      await demo.ui.visible('松鹤陵园 松区 2 排 12 号').waitFor();
      await demo.page.screenshot({ path: join(screenshotDir, 'memorial-graves-normal.png'), fullPage: true });
    });

    it('cemetery staff let the visit in by its entry code, once', async () => {
      expect(entryCode).not.toBe('');
      await demo.ui.signInAs('工作人员（松鹤陵园）');
      await demo.ui.visible('工作台').click();
      await demo.ui.visible('云祭扫：入园核验、时段与审核').click();
      await demo.page.waitForURL(/memorial\/pages\/staff/);
      await demo.ui.shown('#mm-checkin-code input').fill(entryCode.toLowerCase());
      await demo.ui.shown('#mm-checkin-submit').click();
      await demo.ui.visible(/核验通过，共 3 人（同行：林\*\*、林\*\*）/).waitFor({ timeout: 15_000 });

      await demo.ui.shown('#mm-checkin-code input').fill(entryCode.toLowerCase());
      await demo.ui.shown('#mm-checkin-submit').click();
      await demo.ui.visible('已签到，无需重复签到').waitFor({ timeout: 15_000 });
      await screenshots('staff');
    });
  },
);
