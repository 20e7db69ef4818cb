import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

/** 林远山's memorial in the seed, owned by the demo resident 李晓梅. */
const CODE = 'sh2dem7a2x';
const PHOTO = fileURLToPath(new URL('../../miniapp/src/assets/tab-home.png', import.meta.url));

describe.skipIf(!hasChromium)(
  '生平 in Chromium: the owner edits the memorial and publishes a drafted life story',
  () => {
    const demo = useDemo();

    it('the owner opens 编辑, adds a gallery photo, drafts the story (template: no model in the demo), approves it', async () => {
      const { page, ui } = demo;
      await page.setViewportSize({ width: 375, height: 812 });
      await ui.signInAs('居民 李晓梅');
      await page.goto(`${demo.url}/memorial/pages/memorial/index?code=${CODE}`);
      await ui.shown('#mm-edit').click();
      await page.waitForURL(/memorial\/pages\/edit\/index\?id=/);
      await ui.shown('#mm-story-generate').waitFor({ timeout: 15_000 });

      const chooser = page.waitForEvent('filechooser');
      await page.locator('#mm-edit-gallery').getByText('+ 添加照片').click();
      await (await chooser).setFiles(PHOTO);
      await ui.shown('#mm-edit-gallery-add').click();
      await expect.poll(() => page.locator('#mm-edit-gallery .mm-gallery__item').count(), { timeout: 15_000 }).toBe(1);

      await ui.shown('#mm-fact-hometown input').fill('平阳县昆阳镇');
      await ui.shown('#mm-fact-work input').fill('种了一辈子杨梅');
      await ui.shown('#mm-fact-saying input').fill('树要勤修，人要勤快');
      await ui.shown('#mm-story-generate').click();
      await ui.shown('#mm-story-source').waitFor({ timeout: 15_000 });
      expect(await ui.shown('#mm-story-source').textContent()).toContain('按您填写的内容整理');
      const draft = ui.shown('#mm-story-text textarea');
      await expect.poll(() => draft.inputValue()).toContain('林远山，平阳县昆阳镇人，1931年3月2日生');
      // The draft is stored: a reload (into large text and back) shows it again.
      for (const elder of [false, true, false]) {
        await setElderMode(page, elder);
        await page.reload();
        await expect.poll(() => draft.inputValue(), { timeout: 15_000 }).toContain('1931年3月2日生');
        if (elder) await page.locator('.page--elder').first().waitFor({ state: 'attached' });
        expect(await photographAndAudit(page, 'memorial-edit', elder)).toEqual([]);
      }

      await draft.fill(`${await draft.inputValue()}我们永远想念您。`);
      await ui.shown('#mm-story-approve').click();
      await page.getByText('发布', { exact: true }).filter({ visible: true }).click();
      await ui.visible('生平已发布').waitFor({ timeout: 15_000 });

      await page.goto(`${demo.url}/memorial/pages/memorial/index?code=${CODE}`);
      const biography = ui.shown('#mm-biography');
      await expect.poll(() => biography.textContent(), { timeout: 15_000 }).toContain('我们永远想念您。');
      expect(await biography.textContent()).toContain('种了一辈子杨梅');
      await expect.poll(() => page.locator('#mm-gallery [role=img]').count(), { timeout: 15_000 }).toBe(1);
      expect(await photographAndAudit(page, 'memorial-story-published', false)).toEqual([]);
    });
  },
);
