import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

describe('a refused session edit', () => {
  it('changes nothing: capacity below the seats taken leaves the new times unsaved too', async () => {
    const sessionId = await app.createSession({ capacity: 5 });
    for (let i = 0; i < 3; i += 1) expect((await app.book(app.resident(), sessionId)).status).toBe(201);
    const before = await app.request('GET', `${base}/sessions/${sessionId}`);
    const dayLater = (iso: string) => new Date(new Date(iso).getTime() + 86_400_000).toISOString();

    const refused = await app.request('PATCH', `${base}/staff/sessions/${sessionId}`, {
      token: app.staff,
      body: { startsAt: dayLater(before.body.startsAt), endsAt: dayLater(before.body.endsAt), capacity: 2 },
    });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CAPACITY_BELOW_BOOKED');
    const after = await app.request('GET', `${base}/sessions/${sessionId}`);
    expect(after.body).toEqual(before.body);
    expect(await app.seatState(sessionId)).toMatchObject({ capacity: 5, booked: 3, confirmed: 3 });
  });
});
