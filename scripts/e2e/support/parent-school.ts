import { ids } from '../../seed/ids';
import { callApi } from './h5';

export type Api = (method: string, path: string, token?: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, read loosely as tests do

/** Real API calls as the demo staff member: a new course at the demo school and one session of
 * it, `startsIn` from now (seeded sessions are days ahead, too early for check-in or reminders). */
export async function scheduleDemoSession(
  url: string,
  course: { title: string; summary: string },
  session: { startsInMs: number; capacity: number },
) {
  const api: Api = (method, path, token, body) => callApi(url, method, path, token, body);
  const staff = await api('POST', '/api/accounts/sign-in', undefined, { provider: 'dev', code: 'demo-school-staff' });
  const school = (await api('GET', '/api/parent-school/schools')).items.find(
    (s: { id: string }) => s.id === ids.demoSchool,
  );
  const created = await api('POST', '/api/parent-school/staff/courses', staff.accessToken, {
    schoolId: ids.demoSchool,
    ...course,
    speaker: '端到端 老师',
    durationMinutes: 30,
  });
  const scheduled = await api('POST', '/api/parent-school/staff/sessions', staff.accessToken, {
    courseId: created.id,
    venueId: school.venues[0].id,
    startsAt: new Date(Date.now() + session.startsInMs).toISOString(),
    capacity: session.capacity,
  });
  return { api, session: scheduled as { id: string } };
}
