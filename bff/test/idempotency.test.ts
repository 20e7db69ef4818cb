import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_SECONDS } from '../src/platform/idempotency';
import { startTestApp, type TestApp } from './support/app';
import { Gate, testOperations, testRoutes } from './support/test-operations';

let app: TestApp;
const gate = new Gate();
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes(gate) });
});
afterAll(() => app.close());

let keys = 0;
const newKey = () => `key-${Date.now()}-${(keys += 1)}`;
const notes = () => app.connection.collection('test_notes').countDocuments();
const create = (token: string, key: string | undefined, body: unknown) =>
  app.request('POST', '/api/test/notes', { token, body, headers: key ? { 'idempotency-key': key } : {} });

describe('Idempotency-Key', () => {
  it('is required on an idempotent operation', async () => {
    const response = await create(app.signIn().token, undefined, { text: 'hello' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('must be a sane token', async () => {
    const response = await create(app.signIn().token, 'short', { text: 'hello' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);
  });

  it('replays the first answer for the same key and body, and creates once', async () => {
    const { token } = app.signIn();
    const key = newKey();
    const before = await notes();
    const first = await create(token, key, { text: 'hello', pinned: true });
    expect(first.status).toBe(201);
    // Same content with its keys in another order is the same request.
    const again = await create(token, key, { pinned: true, text: 'hello' });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await notes()).toBe(before + 1);
  });

  it('same key with another body → 422 IDEMPOTENCY_KEY_REUSED, nothing created', async () => {
    const { token } = app.signIn();
    const key = newKey();
    await create(token, key, { text: 'first' });
    const before = await notes();
    const reused = await create(token, key, { text: 'second' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await notes()).toBe(before);
  });

  it('keys belong to a user: the same key from someone else is a new request', async () => {
    const key = newKey();
    const mine = await create(app.signIn().token, key, { text: 'same' });
    const theirs = await create(app.signIn().token, key, { text: 'same' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a duplicate while the first is still running → 409 IDEMPOTENCY_IN_PROGRESS; the first still succeeds', async () => {
    const { token } = app.signIn();
    const key = newKey();
    gate.closed = true;
    const reached = gate.reached();
    const first = create(token, key, { text: 'slow' });
    await reached;
    const duplicate = await create(token, key, { text: 'slow' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    gate.open();
    expect((await first).status).toBe(201);
    expect((await create(token, key, { text: 'slow' })).headers.get('idempotent-replayed')).toBe('true');
  });

  it('many concurrent retries of one request create exactly one note', async () => {
    const { token } = app.signIn();
    const key = newKey();
    const before = await notes();
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(token, key, { text: 'burst' })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    expect(await notes()).toBe(before + 1);
  });

  it('invalid input claims no key, so a corrected retry with the same key runs', async () => {
    const { token } = app.signIn();
    const key = newKey();
    const records = app.connection.collection('idempotency_keys');
    const before = await records.countDocuments();
    expect((await create(token, key, { text: '' })).status).toBe(400);
    expect(await records.countDocuments()).toBe(before);
    expect((await create(token, key, { text: 'fixed' })).status).toBe(201);
  });

  it('a failed request gives its key back, so the retry runs again instead of replaying the failure', async () => {
    const { token, user } = app.signIn();
    const key = newKey();
    expect((await create(token, key, { text: 'fail' })).status).toBe(404);
    expect(await app.connection.collection('idempotency_keys').countDocuments({ userId: user.id, key })).toBe(0);
    expect((await create(token, key, { text: 'fail' })).headers.get('idempotent-replayed')).toBeNull();
  });

  it('takes over a claim left running by a process that died, but not a fresh one', async () => {
    const { token, user } = app.signIn();
    const records = app.connection.collection('idempotency_keys');
    const claimed = (key: string, minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000);
      return records.insertOne({
        userId: user.id,
        key,
        state: 'running',
        claimedAt: at,
        createdAt: at,
        fingerprint: '',
      });
    };
    const [abandoned, fresh] = [newKey(), newKey()];
    // The fingerprint must match for a takeover; read it off a real claim first.
    await create(token, abandoned, { text: 'revived' });
    const { fingerprint } = (await records.findOne({ userId: user.id, key: abandoned }))!;
    await records.deleteMany({ userId: user.id });
    await claimed(abandoned, 3);
    await claimed(fresh, 0);
    await records.updateMany({ userId: user.id }, { $set: { fingerprint } });
    expect((await create(token, abandoned, { text: 'revived' })).status).toBe(201);
    expect((await create(token, fresh, { text: 'revived' })).status).toBe(409);
  });

  it('stores records that expire after 24 hours through a TTL index, unique per (user, key)', async () => {
    const indexes = await app.connection.collection('idempotency_keys').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: { createdAt: 1 }, expireAfterSeconds: IDEMPOTENCY_TTL_SECONDS }),
        expect.objectContaining({ key: { userId: 1, key: 1 }, unique: true }),
      ]),
    );
    expect(IDEMPOTENCY_TTL_SECONDS).toBe(86_400);
  });
});

describe('a request that failed after it wrote', () => {
  it('keeps its key bound: the retry answers 409 IDEMPOTENCY_IN_DOUBT and creates nothing more', async () => {
    const { token, user } = app.signIn();
    const key = newKey();
    const notes = () => app.connection.collection('test_notes').countDocuments({ owner: user.id });
    expect((await create(token, key, { text: 'written-then-failed' })).status).toBe(500);
    expect(await notes()).toBe(1);
    for (let retry = 0; retry < 2; retry += 1) {
      const again = await create(token, key, { text: 'written-then-failed' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('IDEMPOTENCY_IN_DOUBT');
    }
    expect(await notes()).toBe(1);
  });
});
