import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { ids } from '../seed/ids';
import { photographAndAudit, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

// A made-up 平阳 number (sequence 9xx) with a right check character: nobody's real one.
const FIRST17 = '33032619420308931';
const ID_NUMBER = `${FIRST17}${idNumberCheckChar(FIRST17)}`;

describe.skipIf(!hasChromium)('在线报丧 in Chromium: the family reports, the agency team accepts', () => {
  const demo = useDemo();

  it('李晓梅 reports a death from 云祭扫, 代办员 王建华 opens and accepts it, and she sees 已受理', async () => {
    await demo.page.setViewportSize({ width: 375, height: 812 });
    await demo.ui.signInAs('居民 李晓梅');
    await demo.page.goto(`${demo.url}/memorial/pages/index/index`);
    await demo.ui.shown('#mm-to-report').click();
    await demo.page.waitForURL(/memorial\/pages\/report\/index/);
    // Large text first, on the empty form (the mode is read when the page loads).
    await setElderMode(demo.page, true);
    await demo.page.reload();
    await demo.ui.visible('松鹤陵园').waitFor({ timeout: 15_000 });
    expect(await photographAndAudit(demo.page, 'memorial-notice-form', true)).toEqual([]);
    await setElderMode(demo.page, false);
    await demo.page.reload();
    await demo.ui.visible('松鹤陵园').waitFor({ timeout: 15_000 });
    await demo.ui.visible('松鹤陵园').click();
    await demo.ui.shown('#mm-report-name input').fill('林阿太');
    await demo.ui.shown('#mm-report-id input').fill(`${FIRST17}${idNumberCheckChar(FIRST17) === '0' ? '1' : '0'}`);
    await demo.ui.visible('身份证号码有误，请核对').waitFor({ timeout: 15_000 });
    await demo.ui.shown('#mm-report-id input').fill(ID_NUMBER);
    await demo.ui.shown('#mm-report-place input').fill('昆阳镇家中');
    await demo.ui.shown('#mm-report-relation input').fill('孙女');
    await demo.ui.shown('#mm-report-phone input').fill('13957712345');
    expect(await photographAndAudit(demo.page, 'memorial-notice-form', false)).toEqual([]);
    await demo.ui.shown('#mm-report-submit').click();

    await demo.page.waitForURL(/memorial\/pages\/notice\/index\?id=([0-9a-f]{24})/, { timeout: 15_000 });
    const noticeId = /id=([0-9a-f]{24})/.exec(demo.page.url())![1]!;
    await demo.ui.visible('林阿太').waitFor({ timeout: 15_000 });
    await demo.ui.visible(/330326\*{8}\d{3}[\dX]/).waitFor({ timeout: 15_000 });
    expect(await demo.page.content()).not.toContain(ID_NUMBER);

    // The agency team works it from 工作台's page for their cemetery.
    await demo.ui.signInAs('代办员 王建华（松鹤陵园）');
    await demo.page.goto(`${demo.url}/memorial/pages/agency/index?scope=${ids.songheCemetery}`);
    const row = demo.ui.shown(`#mm-agency-${noticeId}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('139****2345');
    for (const elder of [true, false]) {
      await setElderMode(demo.page, elder);
      await demo.page.reload();
      await row.waitFor({ timeout: 15_000 });
      expect(await photographAndAudit(demo.page, 'memorial-notice-agency-list', elder)).toEqual([]);
    }
    await row.getByText('打开办理').click();
    await demo.ui.visible('拨打家属电话 13957712345').waitFor({ timeout: 15_000 });
    await demo.ui.shown('#mm-agency-note textarea').fill('已收到，今天下午打电话给您');
    expect(await photographAndAudit(demo.page, 'memorial-notice-agency-open', false)).toEqual([]);
    await demo.ui.shown('#mm-agency-accept').click();
    await demo.ui.shown('#mm-agency-progress').waitFor({ timeout: 15_000 });

    await demo.ui.signInAs('居民 李晓梅');
    await demo.page.goto(`${demo.url}/memorial/pages/notices/index`);
    await demo.ui.shown(`#mm-my-notice-${noticeId}`).click();
    await demo.page.waitForURL(/memorial\/pages\/notice\/index\?id=/, { timeout: 15_000 });
    await demo.ui.visible('已受理').waitFor({ timeout: 15_000 });
    await demo.ui.visible('已收到，今天下午打电话给您').waitFor({ timeout: 15_000 });
    await demo.ui.visible('代办员已查看', false).waitFor({ timeout: 15_000 });
    for (const elder of [false, true]) {
      await setElderMode(demo.page, elder);
      await demo.page.reload();
      await demo.ui.visible('已收到，今天下午打电话给您').waitFor({ timeout: 15_000 });
      expect(await photographAndAudit(demo.page, 'memorial-notice-accepted', elder)).toEqual([]);
    }
    await setElderMode(demo.page, false);
  });
});
