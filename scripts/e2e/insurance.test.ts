import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { demoRegistryPersons } from '../seed/accounts';
import { auditPage, screenshotDir, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

describe.skipIf(!hasChromium)('医保查询 in Chromium: bind, status and contributions, maternity, filing, FAQ', () => {
  const demo = useDemo();
  const mother = demoRegistryPersons[0]!;

  it('a resident not yet bound is sent to 实名认证, binds, and sees status and contributions', async () => {
    await demo.ui.signInAs('居民 李晓梅');
    await demo.page.goto(demo.url);
    await demo.ui.visible('医保查询', true).click();
    await demo.page.waitForURL(/insurance\/pages\/index/);
    await demo.ui.visible('请先完成实名认证').waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ins-go-bind').click();
    await demo.page.waitForURL(/accounts\/pages\/identity/);
    await demo.ui.shown('#identity-name input').fill(mother.name);
    await demo.ui.shown('#identity-number input').fill(mother.idNumber);
    await demo.ui.shown('#identity-submit').click();
    await demo.ui.shown('#bound-identity').waitFor({ timeout: 15_000 });
    await demo.page.goBack();
    await demo.page.waitForURL(/insurance\/pages\/index/);

    await demo.ui.shown('#ins-summary').waitFor({ timeout: 15_000 });
    expect(await demo.ui.shown('#ins-type').textContent()).toBe('职工医保');
    expect(await demo.ui.shown('#ins-status').textContent()).toBe('参保中');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    // The seed writes 24 months up to last month; last year is a full one.
    await demo.ui.shown(`#ins-year-${year - 1}`).click();
    await demo.ui.visible(`${year - 1}-12`, true).waitFor({ timeout: 15_000 });
    expect(await demo.page.locator('.ins-month').filter({ visible: true }).count()).toBe(12);
    await demo.ui.visible(/^已缴 1[0-2] 个月，合计 ¥/).waitFor();
    expect(await demo.page.content()).not.toContain(mother.idNumber);
  });

  it('follows the maternity case along its timeline', async () => {
    await demo.ui.shown('#ins-open-maternity').click();
    await demo.page.waitForURL(/insurance\/pages\/maternity/);
    await demo.ui.visible('下一步：审核').waitFor({ timeout: 15_000 });
    const steps = demo.page.locator('.kit-step').filter({ visible: true });
    expect(await steps.count()).toBe(5);
    expect(await demo.page.locator('.kit-step--done').filter({ visible: true }).count()).toBe(3);
    expect(await demo.page.locator('.kit-step--current .kit-step__title').filter({ visible: true }).textContent()).toBe(
      '审核',
    );
    await demo.ui.visible('津贴金额 ¥42,133.00（158 天）').waitFor();
    await demo.ui.visible(/^计算方法：用人单位上年度职工月平均缴费工资/).waitFor();
    await demo.ui.visible('拨付至用人单位账户 6222 **** **** 0136').waitFor();
    await demo.page.goBack();
  });

  it('files remote care; the same dates again are refused with a clear message', async () => {
    await demo.ui.shown('#ins-open-filings').click();
    await demo.page.waitForURL(/insurance\/pages\/filings/);
    await demo.ui.visible('还没有备案').waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ins-destination input').fill('上海市');
    await demo.ui.shown('#ins-filing-submit').click();
    const card = demo.page.locator('.ins-filing').filter({ visible: true });
    await card.first().waitFor({ timeout: 15_000 });
    expect(await card.count()).toBe(1);
    expect(await card.first().textContent()).toMatch(/上海市临时外出 · \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d.*有效/);

    await demo.ui.shown('#ins-destination input').fill('杭州市');
    await demo.ui.shown('#ins-filing-submit').click();
    await demo.ui.visible('该时段已有有效的异地就医备案').waitFor({ timeout: 15_000 });
    expect(await card.count()).toBe(1);
    await demo.page.goBack();
  });

  it('finds the FAQ answer for a question in everyday words', async () => {
    await demo.ui.shown('#ins-open-faq').click();
    await demo.page.waitForURL(/insurance\/pages\/faq/);
    await demo.ui.shown('#ins-faq-query input').fill('异地 备案 怎么办');
    await demo.ui.shown('#ins-faq-search').click();
    await demo.ui.shown('#ins-faq-0').waitFor({ timeout: 15_000 });
    expect(await demo.ui.shown('#ins-faq-0 .kit-card__title').textContent()).toBe('异地就医备案怎么办理？');
    await demo.page.goBack();
  });

  it('a clerk of the person’s region looks them up for a stated purpose; the person sees it in 查询记录', async () => {
    const wang = demoRegistryPersons[1]!;
    await demo.ui.signInAs('医保经办（越城区医疗保障服务大厅）');
    await demo.ui.visible('工作台').click();
    await demo.ui.visible('医保：参保信息查询').click();
    await demo.page.waitForURL(/insurance\/pages\/staff/);
    await demo.ui.shown('#ins-staff-id input').fill(wang.idNumber);
    await demo.ui.shown('#ins-staff-note input').fill('窗口打印缴费证明');
    await demo.ui.shown('#ins-staff-submit').click();
    await demo.ui.shown('#ins-staff-record').waitFor({ timeout: 15_000 });
    await demo.ui.visible(/^王\*\* 330602\*{8}\d{3}[\dX]$/).waitFor();
    expect(await demo.page.content()).not.toContain(wang.idNumber);

    await demo.ui.signInAs('家长 王建国');
    await demo.page.goto(`${demo.url}/insurance/pages/access-log/index`);
    await demo.ui.shown('#ins-access-0').waitFor({ timeout: 15_000 });
    expect(await demo.ui.shown('#ins-access-0').textContent()).toContain('医保经办人员');
    expect(await demo.ui.shown('#ins-access-0').textContent()).toContain('用途：窗口办理（窗口打印缴费证明）');
  });

  it('a clerk imports a GBK CSV from the page: progress, the detected encoding, bad rows by line', async () => {
    await demo.ui.signInAs('医保经办（越城区医疗保障服务大厅）');
    await demo.page.goto(`${demo.url}/insurance/pages/import/index`);
    const csv = [
      'idNumber,name,insuranceType,status,region,since',
      '330602197001019904,赵美玲,employee,active,越城区,2012-03-01',
      '330602197001019905,错号码,employee,active,越城区,2012-03-01',
    ].join('\r\n');
    const chooser = demo.page.waitForEvent('filechooser');
    await demo.ui.shown('#ins-import-choose').click();
    await (await chooser).setFiles({ name: 'persons.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await demo.ui.visible(/^已选：persons\.csv/).waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ins-import-start').click();
    await demo.ui.visible('导入完成').waitFor({ timeout: 15_000 });
    expect(await demo.ui.shown('#ins-import-percent').textContent()).toBe('100%');
    await demo.ui.visible('文件编码：GBK（Excel 中文版另存的 CSV）').waitFor();
    expect(await demo.ui.shown('#ins-import-counts').textContent()).toBe(
      '已读 2 行：通过 1 行（新增 1，更新 0），有误 1 行',
    );
    await demo.ui.visible(/^第 3 行：/).waitFor();
    await demo.page.screenshot({ path: join(screenshotDir, 'ins-import-report-normal.png'), fullPage: true });
  });

  it('every 医保 page, normal and large text: no serious axe violations, labelled buttons, 44 px targets', async () => {
    const pages = [
      'index',
      'maternity',
      'filings',
      'family',
      'chronic',
      'faq',
      'halls',
      'access-log',
      'staff',
      'import',
    ];
    // A bound resident, so the pages show their data rather than the bind-first state.
    await demo.ui.signInAs('家长 王建国');
    const found: string[] = [];
    for (const elder of [false, true]) {
      await setElderMode(demo.page, elder);
      for (const name of pages) {
        await demo.page.goto(`${demo.url}/insurance/pages/${name}/index`);
        await demo.page.waitForLoadState('networkidle');
        await demo.page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, {
          timeout: 15_000,
        });
        const mode = elder ? 'large' : 'normal';
        await demo.page.screenshot({ path: join(screenshotDir, `ins-${name}-${mode}.png`), fullPage: true });
        for (const problem of await auditPage(demo.page)) found.push(`${name} (${mode}): ${problem}`);
      }
    }
    await setElderMode(demo.page, false);
    expect(found).toEqual([]);
  });
});
