import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ids } from '../seed/ids';
import { hasChromium, launchPhone } from './support/browser';
import { startStack, type Stack } from './support/stack';

const COURSE = '端到端：和孩子一起定一个小目标';

describe.skipIf(!hasChromium)('家长学校 staff in Chromium: schedule a session that residents then see', () => {
  let stack: Stack;
  let phone: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  /** The course through the API as the demo staff member, so its title is ours alone. */
  async function addCourse() {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(`POST ${path}: ${JSON.stringify(answer)}`);
      return answer;
    };
    const staff = await post('/api/accounts/sign-in', { provider: 'dev', code: 'demo-school-staff' });
    await post(
      '/api/parent-school/staff/courses',
      { schoolId: ids.demoSchool, title: COURSE, summary: '目标小一点，孩子才做得到。', speaker: '端到端 老师', durationMinutes: 30 },
      staff.accessToken,
    );
  }

  beforeAll(async () => {
    stack = await startStack();
    await addCourse();
    phone = await launchPhone();
    page = await phone.context.newPage();
  });
  afterAll(async () => {
    await phone?.close();
    await stack?.stop();
  });

  // Taro's H5 router keeps earlier pages in the DOM, hidden; only the visible copy counts.
  const visible = (text: string | RegExp, exact = false) => page.getByText(text, { exact }).filter({ visible: true }).first();
  const shown = (selector: string) => page.locator(selector).filter({ visible: true }).first();

  async function signInAs(label: string) {
    await page.goto(stack.url);
    await page.getByText('我的', { exact: true }).last().click();
    await page.waitForURL(/pages\/mine/);
    const signOut = visible('退出登录');
    if (await signOut.isVisible().catch(() => false)) await signOut.click();
    await visible('选择体验账号登录').waitFor({ timeout: 15_000 });
    await visible(label).click();
    await visible('退出登录').waitFor({ timeout: 15_000 });
  }

  it('the demo staff member schedules a session from 工作台, and a resident finds it in the list', async () => {
    await signInAs('工作人员（绍兴市第一初级中学）');
    await visible('工作台').click();
    await visible('家长学校：场次、课程与场地 ›').click();
    await page.waitForURL(/parent-school\/pages\/manage/);
    await shown('#ps-new-session').click();
    await page.waitForURL(/parent-school\/pages\/session-edit/);
    // The form suggests tomorrow at pick-up time and the school's first venue; pick our course.
    await visible(COURSE, true).click();
    await shown('#ps-capacity input').fill('12');
    await shown('#ps-save-session').click();
    await page.waitForURL(/session-edit\/index\?.*id=[0-9a-f]{24}/, { timeout: 15_000 });
    await visible('修改场次', true).waitFor({ timeout: 15_000 });

    await signInAs('家长 王建国');
    await page.goto(stack.url);
    await visible('家长学校', true).click();
    await visible('校门口的家长学校').waitFor({ timeout: 15_000 });
    await visible('明天', true).click();
    await visible(COURSE).waitFor({ timeout: 15_000 });
    await visible('余 12 / 12 座').waitFor({ timeout: 15_000 });
  });
});
