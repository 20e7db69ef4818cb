import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '@warmcity/shared/api/charging';
import { auditPage, screenshotDir, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { chargingDemo } from './support/charging';
import { useDemo } from './support/demo';
import { chinaDay, onStatement, payOnDevPage } from './support/pay';

// Any real PNG does: the upload endpoint sniffs the bytes and re-encodes them.
const PHOTO = fileURLToPath(new URL('../../miniapp/src/assets/tab-home.png', import.meta.url));
/** The report card (on 我的上报 or the staff's list) that says `text`, as shown now. */
const reportCard = (page: Page, text: string) =>
  page.locator('.ch-report').filter({ hasText: text }).filter({ visible: true }).first();
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')} 元`;

describe.skipIf(!hasChromium)(
  '电动车充电 in Chromium: reserve, start by code, stop, pay; report; staff resolve',
  () => {
    let setup: Awaited<ReturnType<typeof chargingDemo>>;
    let site: SiteSummary;
    const demo = useDemo(async (url) => {
      setup = await chargingDemo(url);
      site = await setup.paidSiteInToutuo();
    });

    it('a resident picks 头陀镇, reserves any free port of a paid site, starts with its code, stops, sees the cost and pays; staff see it on the day’s 收款日报', async () => {
      const { page, ui } = demo;
      await ui.signInAs('居民 李晓梅');
      await ui.visible('首页', true).click();
      await ui.visible('电动车充电', true).click();
      await page.waitForURL(/charging\/pages\/index/);
      // This browser has no position to give (no permission, no provider): the town picker is the way.
      await ui.shown('#ch-locate').click();
      await ui.shown('#ch-locate-refused').waitFor({ timeout: 20_000 });
      await ui.visible('头陀镇', true).click();
      const card = page.locator('.ch-site').filter({ hasText: site.name }).filter({ visible: true }).first();
      await card.waitFor({ timeout: 15_000 });
      // The price is on the list, before anything starts.
      await expect(card.textContent()).resolves.toContain(`${yuan(site.pricePerMinuteFen)}/分钟`);
      await card.click();
      await page.waitForURL(/charging\/pages\/site/);
      // The grid refreshes while open: a port someone else takes now shows taken without a reload.
      const freeCount = ui.shown('#ch-free-count');
      await expect.poll(() => freeCount.textContent(), { timeout: 15_000 }).toMatch(/^空闲 \d+\/\d+$/);
      const [free, total] = ((await freeCount.textContent()) ?? '').match(/\d+/g)!.map(Number);
      const other = await setup.api('POST', '/api/charging/charges', setup.admin, { siteId: site.id });
      await expect.poll(() => freeCount.textContent(), { timeout: 20_000 }).toBe(`空闲 ${free! - 1}/${total}`);
      await setup.api('POST', `/api/charging/charges/${other.id}/cancel`, setup.admin);
      await expect.poll(() => freeCount.textContent(), { timeout: 20_000 }).toBe(`空闲 ${free}/${total}`);
      const reserve = ui.shown('#ch-reserve');
      await expect.poll(() => reserve.textContent(), { timeout: 15_000 }).toBe('预约任意空闲充电口');
      await reserve.click();

      await page.waitForURL(/charging\/pages\/charge/);
      const countdown = ui.shown('#ch-countdown');
      await countdown.waitFor({ timeout: 15_000 });
      expect(await countdown.textContent()).toMatch(
        new RegExp(`^(${site.graceMinutes - 1}|${site.graceMinutes}):\\d\\d$`),
      );
      // A dev sign-in has no platform to ask for the 5-minute reminder: the inbox will have it.
      await ui.shown('#push-subscribe-inbox').waitFor({ timeout: 15_000 });
      for (const elder of [false, true]) {
        await setElderMode(page, elder);
        await page.reload();
        await ui.shown('#push-subscribe-inbox').waitFor({ timeout: 15_000 });
        const mode = elder ? 'large' : 'normal';
        await page.screenshot({ path: join(screenshotDir, `ch-reserved-${mode}.png`), fullPage: true });
      }
      await setElderMode(page, false);
      await page.reload();
      const code = ((await ui.shown('#ch-reservation .ch-strong').textContent()) ?? '').trim();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

      // At the port: plugged in (the device says so), then the code typed as printed.
      const port = await setup.device(site.id, code);
      await port.plugIn();
      await ui.shown('#ch-code input').fill(code.toLowerCase());
      await ui.shown('#ch-code-submit').click();
      await ui.shown('#ch-live').waitFor({ timeout: 15_000 });
      await port.meter(120);
      await expect.poll(() => ui.shown('#ch-live-energy').textContent(), { timeout: 15_000 }).toBe('0.12 度');

      const day = chinaDay();
      await ui.shown('#ch-stop').click();
      await ui.visible('确定停止', true).click();
      const cost = ui.shown('#ch-summary-cost');
      await cost.waitFor({ timeout: 15_000 });
      // Well under a minute of charging: one started minute at the site's price, exact to the fen.
      expect(await cost.textContent()).toBe(yuan(site.pricePerMinuteFen));
      await ui
        .visible(`1 分钟 × ${yuan(site.pricePerMinuteFen).replace(' 元', '')} 元 = ${yuan(site.pricePerMinuteFen)}`)
        .waitFor();

      const price = yuan(site.pricePerMinuteFen).replace(' 元', '');
      await ui.shown('#ch-pay').click();
      // The itemised total on the dev payment page, then 已支付 there.
      expect(await payOnDevPage(page)).toBe(`¥${price}`);

      await page.goto(`${demo.url}/charging/pages/records/index`);
      const record = page.locator('.ch-record').filter({ hasText: site.name }).filter({ visible: true }).first();
      await record.waitFor({ timeout: 15_000 });
      await expect(record.textContent()).resolves.toContain('已支付');
      await expect(record.textContent()).resolves.toContain('0.12 度');

      const onDay = await onStatement(demo, '工作人员（头陀镇充电站）', site.name, '电动自行车充电 1 分钟', day);
      expect(onDay).toMatch(new RegExp(`电动自行车充电 1 分钟.*已支付.*应付 ¥${price}.*实收 ¥${price}`));
    });

    it('at a free site the resident charges and stops, and nothing about paying is ever shown', async () => {
      const { page, ui } = demo;
      const free = await setup.freeSiteInToutuo();
      await ui.signInAs('居民 李晓梅');
      await page.goto(`${demo.url}/charging/pages/site/index?id=${free.id}`);
      await ui.visible('免费', true).waitFor({ timeout: 15_000 });
      const reserve = ui.shown('#ch-reserve');
      await expect.poll(() => reserve.textContent(), { timeout: 15_000 }).toBe('预约任意空闲充电口');
      await reserve.click();
      await page.waitForURL(/charging\/pages\/charge/);
      await ui.shown('#ch-countdown').waitFor({ timeout: 15_000 });
      const code = ((await ui.shown('#ch-reservation .ch-strong').textContent()) ?? '').trim();
      await (await setup.device(free.id, code)).plugIn();
      await ui.shown('#ch-code input').fill(code);
      await ui.shown('#ch-code-submit').click();
      await ui.shown('#ch-live').waitFor({ timeout: 15_000 });
      await ui.shown('#ch-stop').click();
      await ui.visible('确定停止', true).click();
      await ui.shown('#ch-summary').waitFor({ timeout: 15_000 });
      expect(await ui.shown('#ch-summary-cost').textContent()).toBe('免费');
      await ui.visible('免费充电').waitFor();
      const paying = page.getByText(/支付/).filter({ visible: true });
      expect(await paying.count()).toBe(0);

      await page.goto(`${demo.url}/charging/pages/records/index`);
      const record = page.locator('.ch-record').filter({ hasText: free.name }).filter({ visible: true }).first();
      await record.waitFor({ timeout: 15_000 });
      await expect(record.textContent()).resolves.toContain('免费');
      await expect(record.textContent()).resolves.not.toMatch(/支付/);
    });

    it('the resident reports indoor charging with a photo; staff take it on and resolve it; the resident reads the answer', async () => {
      const { page, ui } = demo;
      await ui.signInAs('居民 李晓梅');
      await page.goto(`${demo.url}/charging/pages/site/index?id=${site.id}`);
      await ui.visible('上报这里的充电隐患').click();
      await page.waitForURL(/charging\/pages\/report/);
      await ui.visible(site.name).waitFor({ timeout: 15_000 });
      await ui.visible('楼道/室内充电', true).click();
      await ui.shown('#ch-report-place input').fill('3 幢 2 单元一楼楼道');
      await ui.shown('#ch-report-description textarea').fill('有人把电动车推进楼道，从窗口拉电线充电');
      const chooser = page.waitForEvent('filechooser');
      await ui.visible('+ 添加照片').click();
      await (await chooser).setFiles(PHOTO);
      // Uploaded once the photo stands on its own, with no progress item left. (Waiting for the
      // progress item to go away could pass before it had even appeared.)
      const uploaded = page.locator('.kit-upload__item:not([aria-busy]) img').filter({ visible: true });
      await expect.poll(() => uploaded.count(), { timeout: 15_000 }).toBe(1);
      await expect(page.locator('.kit-upload__item[aria-busy=true]').count()).resolves.toBe(0);
      await ui.shown('#ch-report-submit').click();

      await page.waitForURL(/charging\/pages\/reports/);
      const mine = reportCard(page, '3 幢 2 单元一楼楼道');
      await mine.waitFor({ timeout: 15_000 });
      await expect(mine.textContent()).resolves.toContain('待处理');
      await mine.locator('.ch-photo').first().waitFor({ timeout: 15_000 });

      await ui.signInAs('工作人员（头陀镇充电站）');
      await ui.visible('工作台').click();
      // One card per site the staff member operates; this report is at `site`.
      const desk = page.locator('.workbench').filter({ hasText: site.name }).filter({ visible: true }).first();
      await desk.getByText('充电站：充电口、今日概况、隐患上报', { exact: true }).click();
      await page.waitForURL(/charging\/pages\/staff\//);
      await ui.shown('#ch-staff-open-reports').click();
      await page.waitForURL(/charging\/pages\/staff-reports/);
      const open = reportCard(page, '3 幢 2 单元一楼楼道');
      await open.waitFor({ timeout: 15_000 });
      await open.getByText('接单', { exact: true }).click();
      await ui.visible('处理中', true).click();
      const working = reportCard(page, '3 幢 2 单元一楼楼道');
      await working.locator('textarea').fill('已劝离楼道车辆并拆除电线，请到集中充电站充电');
      await working.getByText('标记已处理', { exact: true }).click();
      await ui.visible('已处理', true).click();
      await reportCard(page, '已劝离楼道车辆').waitFor({
        timeout: 15_000,
      });

      await ui.signInAs('居民 李晓梅');
      await page.goto(`${demo.url}/charging/pages/reports/index`);
      const answered = reportCard(page, '3 幢 2 单元一楼楼道');
      await answered.waitFor({ timeout: 15_000 });
      await expect(answered.textContent()).resolves.toContain('已处理');
      await expect(answered.textContent()).resolves.toContain('工作人员回复：已劝离楼道车辆并拆除电线');
    });

    it("使用我的位置 in the browser: its WGS84 position is shifted onto the sites' GCJ-02 before the nearest are asked for", async () => {
      const { page, ui } = demo;
      const gps = { latitude: site.location.lat, longitude: site.location.lng };
      await page.context().grantPermissions(['geolocation'], { origin: demo.url });
      await page.context().setGeolocation(gps);
      try {
        await page.goto(`${demo.url}/charging/pages/index/index`);
        // The list from the town picked earlier loads first; the next query is the one from here.
        await page.waitForLoadState('networkidle');
        const asked = page.waitForRequest((r) => r.url().includes('/api/charging/sites?'));
        await ui.shown('#ch-locate').click();
        const query = new URL((await asked).url()).searchParams;
        const [lat, lng] = [Number(query.get('lat')), Number(query.get('lng'))];
        // GCJ-02 runs some 450 m east and a little south of WGS84 around 台州.
        expect(lng - gps.longitude).toBeGreaterThan(0.003);
        expect(lng - gps.longitude).toBeLessThan(0.007);
        expect(lat - gps.latitude).toBeLessThan(0);
        expect(lat - gps.latitude).toBeGreaterThan(-0.005);
        await ui.visible('按离您的距离排序').waitFor({ timeout: 15_000 });
        await page.locator('.ch-site').filter({ visible: true }).first().waitFor({ timeout: 15_000 });
      } finally {
        await page.context().clearPermissions();
      }
    });

    it('the charging pages pass the kit checks in normal and large text', async () => {
      const { page, ui } = demo;
      const pages = [
        ['ch-near', '/charging/pages/index/index'],
        ['ch-site', `/charging/pages/site/index?id=${site.id}`],
        ['ch-charge', '/charging/pages/charge/index'],
        ['ch-records', '/charging/pages/records/index'],
        ['ch-report', `/charging/pages/report/index?siteId=${site.id}`],
        ['ch-reports', '/charging/pages/reports/index'],
        ['ch-staff', `/charging/pages/staff/index?scope=${site.id}`],
        ['ch-staff-reports', `/charging/pages/staff-reports/index?scope=${site.id}`],
      ];
      await page.setViewportSize({ width: 375, height: 812 });
      await ui.signInAs('工作人员（头陀镇充电站）');
      const found: string[] = [];
      for (const elder of [false, true]) {
        await setElderMode(page, elder);
        for (const [name, path] of pages) {
          await page.goto(`${demo.url}${path}`);
          await page.waitForLoadState('networkidle');
          await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, { timeout: 15_000 });
          const mode = elder ? 'large' : 'normal';
          await page.screenshot({ path: join(screenshotDir, `${name}-${mode}.png`), fullPage: true });
          for (const problem of await auditPage(page)) found.push(`${name} (${mode}): ${problem}`);
        }
      }
      await setElderMode(page, false);
      expect(found).toEqual([]);
    });
  },
);
