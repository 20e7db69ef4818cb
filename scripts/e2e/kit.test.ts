import { describe, expect, it } from 'vitest';
import { ids } from '../seed/ids';
import { photographAndAudit, screenshotDir, setElderMode } from './support/audit';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { callApi } from './support/h5';

const COURSE = '端到端：读懂孩子的情绪';
let sessionId = '';

/** A session two days ahead, bookable now, that the pages below show and the gate books. */
async function scheduleSession(url: string) {
  const staff = await callApi(url, 'POST', '/api/accounts/sign-in', undefined, {
    provider: 'dev',
    code: 'demo-school-staff',
  });
  const school = (await callApi(url, 'GET', '/api/parent-school/schools')).items.find(
    (s: { id: string }) => s.id === ids.demoSchool,
  );
  const course = await callApi(url, 'POST', '/api/parent-school/staff/courses', staff.accessToken, {
    schoolId: ids.demoSchool,
    title: COURSE,
    summary: '孩子发脾气时，先接住情绪再讲道理。',
    speaker: '端到端 老师',
    durationMinutes: 30,
  });
  const session = await callApi(url, 'POST', '/api/parent-school/staff/sessions', staff.accessToken, {
    courseId: course.id,
    venueId: school.venues[0].id,
    startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    capacity: 30,
  });
  sessionId = session.id;
}

describe.skipIf(!hasChromium)('the component kit in Chromium at 375×812, normal and large text', () => {
  const demo = useDemo(scheduleSession);
  const scope = ids.demoSchool;
  const parentPages = () => [
    ['home', '/pages/index/index'],
    ['mine', '/pages/mine/index'],
    ['ps-list', '/parent-school/pages/index/index'],
    ['ps-session', `/parent-school/pages/session/index?id=${sessionId}`],
    ['ps-bookings', '/parent-school/pages/mine/index'],
    ['ps-subscriptions', '/parent-school/pages/subscriptions/index'],
    ['accounts-identity', '/accounts/pages/identity/index'],
    ['accounts-privacy', '/accounts/pages/privacy/index'],
    ['not-found', '/nowhere/pages/index/index'],
  ];
  const staffPages = () => [
    ['accounts-workbench', '/accounts/pages/workbench/index'],
    ['ps-staff', `/parent-school/pages/staff/index?scope=${scope}`],
    ['ps-manage', `/parent-school/pages/manage/index?scope=${scope}`],
    ['ps-session-edit', `/parent-school/pages/session-edit/index?scope=${scope}`],
    ['ps-catalog', `/parent-school/pages/catalog/index?scope=${scope}`],
  ];

  /** Every page in both modes: audited, and photographed for a person to look at. */
  async function auditAll(pages: string[][]) {
    const found: string[] = [];
    for (const elder of [false, true]) {
      await setElderMode(demo.page, elder);
      for (const [name, path] of pages) {
        await demo.page.goto(`${demo.url}${path}`);
        found.push(...(await photographAndAudit(demo.page, name!, elder)));
      }
    }
    await setElderMode(demo.page, false);
    return found;
  }

  it('parent and accounts pages: no serious axe violations, labelled contrasting buttons, 44 px targets', async () => {
    console.log(`screenshots: ${screenshotDir}`);
    await demo.page.setViewportSize({ width: 375, height: 812 });
    await demo.ui.signInAs('家长 王建国');
    expect(await auditAll(parentPages())).toEqual([]);
  });

  it('staff pages pass the same checks', async () => {
    await demo.ui.signInAs('工作人员（绍兴市第一初级中学）');
    expect(await auditAll(staffPages())).toEqual([]);
  });

  it('a signed-out parent taps 预约座位, signs in through the gate and lands on the same session, booked', async () => {
    await demo.page.goto(`${demo.url}/pages/mine/index`);
    await demo.ui.visible('退出登录').click();
    await demo.ui.visible('选择体验账号登录').waitFor({ timeout: 15_000 });
    const url = `${demo.url}/parent-school/pages/session/index?id=${sessionId}`;
    await demo.page.goto(url);
    await demo.ui.shown('#ps-book').click();
    await demo.ui.visible('登录后继续').waitFor({ timeout: 15_000 });
    await demo.ui.visible('家长 王建国').click();
    await demo.ui.visible('预约成功！签到码在“我的预约”里').waitFor({ timeout: 15_000 });
    await expect(demo.ui.shown('#ps-my-status').textContent()).resolves.toBe('已预约');
    expect(demo.page.url()).toBe(url);
    await expect(demo.ui.visible('登录后继续').count()).resolves.toBe(0);
  });

  it('after cancelling, the session page shows no success message', async () => {
    await demo.ui.shown('#ps-open-mine').click();
    await demo.page.waitForURL(/parent-school\/pages\/mine/);
    await demo.ui.visible(COURSE).waitFor({ timeout: 15_000 });
    await demo.ui.shown('#ps-cancel').click();
    await demo.ui.visible('确定取消', true).click();
    await demo.ui.visible('您已取消').waitFor({ timeout: 15_000 });
    await demo.ui.visible('‹ 返回').click();
    await demo.page.waitForURL(/parent-school\/pages\/session/);
    await demo.ui.shown('#ps-book').waitFor({ timeout: 15_000 });
    await expect(demo.ui.visible('预约成功').count()).resolves.toBe(0);
  });

  it('an unknown route and a session page without its id show the not-found page with a way home', async () => {
    for (const path of ['/no/such/page', '/parent-school/pages/session/index']) {
      await demo.page.goto(`${demo.url}${path}`);
      await demo.ui.visible('页面不存在', true).waitFor({ timeout: 15_000 });
    }
    await demo.ui.shown('#kit-go-home').click();
    await demo.ui.visible('便民服务').waitFor({ timeout: 15_000 });
  });
});
