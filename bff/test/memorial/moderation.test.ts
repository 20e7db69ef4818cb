import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
let memorial: { id: string; code: string };
let owner: string;
beforeAll(async () => {
  app = await startMemorialApp();
  owner = app.resident();
  memorial = await app.createMemorial(owner, { visibility: 'public', name: '王秋实' });
});
afterAll(() => app?.close());

const texts = async (token?: string) =>
  (await app.request('GET', `${base}/codes/${memorial.code}/messages`, token ? { token } : {})).body.items.map(
    (item: { text: string; status: string }) => `${item.status}:${item.text}`,
  );

describe('guest-book moderation', () => {
  it('a suspicious message is seen only by its author and the cemetery’s staff until approved', async () => {
    const author = app.resident();
    const clean = await app.tribute(app.resident(), memorial.code, { kind: 'message', text: '爷爷，清明安康。' });
    expect(clean.body.message.status).toBe('shown');
    // Spaces and full-width letters do not slip past the list.
    const held = await app.tribute(author, memorial.code, { kind: 'message', text: '加 微 信 领红包 ＳＢ' });
    expect(held.status, held.text).toBe(201);
    expect(held.body.message).toMatchObject({ status: 'held', mine: true });

    expect(await texts()).toEqual(['shown:爷爷，清明安康。']);
    expect(await texts(app.resident())).toEqual(['shown:爷爷，清明安康。']);
    expect(await texts(owner)).toEqual(['shown:爷爷，清明安康。']);
    expect(await texts(author)).toEqual(['held:加 微 信 领红包 ＳＢ', 'shown:爷爷，清明安康。']);
    expect(await texts(app.staff)).toEqual(['held:加 微 信 领红包 ＳＢ', 'shown:爷爷，清明安康。']);

    const queue = await app.request('GET', `${base}/staff/cemeteries/${app.cemeteryId}/held-messages`, {
      token: app.staff,
    });
    expect(queue.body.items).toMatchObject([{ id: held.body.message.id, memorialId: memorial.id }]);

    // Staff of another cemetery cannot see or touch it, and learn nothing.
    const foreignQueue = await app.request('GET', `${base}/staff/cemeteries/${app.cemeteryId}/held-messages`, {
      token: app.otherStaff,
    });
    expect(foreignQueue.status).toBe(404);
    const foreign = await app.post(app.otherStaff, `/staff/messages/${held.body.message.id}/review`, {
      decision: 'approve',
    });
    const missing = await app.post(app.otherStaff, `/staff/messages/${newObjectId()}/review`, { decision: 'approve' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect(await texts()).toEqual(['shown:爷爷，清明安康。']);

    const approved = await app.post(app.staff, `/staff/messages/${held.body.message.id}/review`, {
      decision: 'approve',
    });
    expect(approved.body.status).toBe('shown');
    expect(await texts()).toEqual(['shown:加 微 信 领红包 ＳＢ', 'shown:爷爷，清明安康。']);
    const again = await app.post(app.staff, `/staff/messages/${held.body.message.id}/review`, { decision: 'reject' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MESSAGE_NOT_HELD');
  });

  it('a rejected message stays with nobody but staff records', async () => {
    const author = app.resident();
    const held = await app.tribute(author, memorial.code, { kind: 'message', text: '博彩网站' });
    await app.post(app.staff, `/staff/messages/${held.body.message.id}/review`, { decision: 'reject' });
    expect(await texts(author)).not.toContain('held:博彩网站');
    expect(await texts(author)).not.toContain('rejected:博彩网站');
  });

  it('the owner hides a message on their memorial; nobody else can', async () => {
    const shown = await app.tribute(app.resident(), memorial.code, { kind: 'message', text: '不相干的话' });
    const path = `/memorials/${memorial.id}/messages/${shown.body.message.id}/hide`;
    expect((await app.post(app.resident(), path)).status).toBe(404);
    expect((await app.post(app.staff, path)).status).toBe(404);
    expect(await texts()).toContain('shown:不相干的话');
    const hidden = await app.post(owner, path);
    expect(hidden.body.status).toBe('hidden');
    expect(await texts()).not.toContain('shown:不相干的话');
    expect(await texts(owner)).toContain('hidden:不相干的话');
  });
});
