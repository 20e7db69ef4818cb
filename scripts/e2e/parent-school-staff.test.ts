import { describe, it } from 'vitest';
import { ids } from '../seed/ids';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';
import { callApi } from './support/h5';

const COURSE = '端到端：和孩子一起定一个小目标';

describe.skipIf(!hasChromium)('家长学校 staff in Chromium: schedule a session that residents then see', () => {
  /** The course through the API as the demo staff member, so its title is ours alone. */
  async function addCourse(url: string) {
    const post = (path: string, body: unknown, token?: string) => callApi(url, 'POST', path, token, body);
    const staff = await post('/api/accounts/sign-in', { provider: 'dev', code: 'demo-school-staff' });
    await post(
      '/api/parent-school/staff/courses',
      {
        schoolId: ids.demoSchool,
        title: COURSE,
        summary: '目标小一点，孩子才做得到。',
        speaker: '端到端 老师',
        durationMinutes: 30,
      },
      staff.accessToken,
    );
  }

  const demo = useDemo(addCourse);

  it('the demo staff member schedules a session from 工作台, and a resident finds it in the list', async () => {
    await demo.ui.signInAs('工作人员（绍兴市第一初级中学）');
    await demo.ui.visible('工作台').click();
    await demo.ui.visible('家长学校：场次、课程与场地').click();
    await demo.page.waitForURL(/parent-school\/pages\/manage/);
    await demo.ui.shown('#ps-new-session').click();
    await demo.page.waitForURL(/parent-school\/pages\/session-edit/);
    // The form suggests tomorrow at pick-up time and the school's first venue; pick our course.
    await demo.ui.visible(COURSE, true).click();
    await demo.ui.shown('#ps-capacity input').fill('12');
    await demo.ui.shown('#ps-save-session').click();
    await demo.page.waitForURL(/session-edit\/index\?.*id=[0-9a-f]{24}/, { timeout: 15_000 });
    await demo.ui.visible('修改场次', true).waitFor({ timeout: 15_000 });

    await demo.ui.signInAs('家长 王建国');
    await demo.page.goto(demo.url);
    await demo.ui.visible('家长学校', true).click();
    await demo.ui.visible('校门口的家长学校').waitFor({ timeout: 15_000 });
    await demo.ui.visible('明天', true).click();
    await demo.ui.visible(COURSE).waitFor({ timeout: 15_000 });
    await demo.ui.visible('余 12 / 12 座').waitFor({ timeout: 15_000 });
  });
});
