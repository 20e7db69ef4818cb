import { afterAll, beforeAll, expect, it } from 'vitest';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

// Session views take courses and venues from a per-process cache; a staff edit must not wait out its TTL.
it('a staff edit of a course or venue shows in the next session view', async () => {
  const sessionId = await app.createSession();
  const view = () => app.request('GET', `${base}/sessions/${sessionId}`, { token: app.resident() });
  expect((await view()).body).toMatchObject({
    course: { title: '如何激发孩子的学习动力' },
    venue: { name: '东门广场' },
  });

  const edit = (path: string, body: object) => app.request('PATCH', `${base}${path}`, { token: app.staff, body });
  expect((await edit(`/staff/courses/${app.courseId}`, { title: '亲子沟通' })).status).toBe(200);
  expect((await view()).body).toMatchObject({ course: { title: '亲子沟通' }, venue: { name: '东门广场' } });
  expect((await edit(`/staff/venues/${app.venueId}`, { name: '西门广场' })).status).toBe(200);
  expect((await view()).body).toMatchObject({ course: { title: '亲子沟通' }, venue: { name: '西门广场' } });
});
