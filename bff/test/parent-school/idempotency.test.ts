import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bookings } from '../../src/features/parent-school/booking.model';
import { base, startParentSchoolApp, type ParentSchoolTestApp } from './support';

let app: ParentSchoolTestApp;
beforeAll(async () => {
  app = await startParentSchoolApp();
});
afterAll(() => app?.close());

describe('idempotent booking', () => {
  it('a retry with the same key and body replays the first answer and books nothing more', async () => {
    const sessionId = await app.createSession({ capacity: 5 });
    const resident = app.resident();
    const first = await app.book(resident, sessionId, 'retry-key-0001');
    const retries = await Promise.all([1, 2, 3].map(() => app.book(resident, sessionId, 'retry-key-0001')));

    expect(first.status).toBe(201);
    for (const retry of retries) {
      // A retry arriving while the first is still running is told so; once done, it is replayed.
      if (retry.status === 409) {
        expect(retry.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        continue;
      }
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.text).toBe(first.text);
    }
    const replay = await app.book(resident, sessionId, 'retry-key-0001');
    expect(replay.text).toBe(first.text);
    expect(await Bookings(app.connection).countDocuments({ pool: sessionId })).toBe(1);
    expect(await app.seatState(sessionId)).toMatchObject({ booked: 1, confirmed: 1 });
  });

  it('the same key with another body is refused with 422 and stores nothing', async () => {
    const [one, two] = [await app.createSession(), await app.createSession()];
    const resident = app.resident();
    expect((await app.book(resident, one, 'reused-key-0001')).status).toBe(201);
    const before = await app.countDocuments();

    const reused = await app.book(resident, two, 'reused-key-0001');
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await app.countDocuments()).toEqual(before);
    expect(await Bookings(app.connection).countDocuments({ pool: two })).toBe(0);
  });

  it('a booking without a key is refused', async () => {
    const sessionId = await app.createSession();
    const response = await app.request('POST', `${base}/bookings`, { token: app.resident(), body: { sessionId } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('the same key used by two residents is two bookings: keys belong to their account', async () => {
    const sessionId = await app.createSession();
    const a = await app.book(app.resident(), sessionId, 'shared-key-0001');
    const b = await app.book(app.resident(), sessionId, 'shared-key-0001');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});
