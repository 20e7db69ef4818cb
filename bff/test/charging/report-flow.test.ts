import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargingAccountData } from '../../src/features/charging/account-data';
import { Uploads } from '../../src/platform/uploads/upload.model';
import { newObjectId } from '../support/app';
import { uploadPhoto } from '../support/uploads';
import { base, startChargingApp, type ChargingTestApp, type TestPort } from './device-support';

let app: ChargingTestApp;
let siteId: string;
let otherSiteId: string;
let port: TestPort;
let staff: string;
let otherStaff: string;

beforeAll(async () => {
  app = await startChargingApp();
  siteId = await app.addSite();
  otherSiteId = await app.addSite({ name: '腾蛟镇文化广场充电点' });
  port = await app.addPort(siteId);
  staff = app.signIn('staff', [`charging-site:${siteId}`]).token;
  otherStaff = app.signIn('staff', [`charging-site:${otherSiteId}`]).token;
});
afterAll(() => app?.close());

const upload = (token: string) => uploadPhoto(app, token);

const report = (token: string, body: Record<string, unknown>) =>
  app.request('POST', `${base}/reports`, { token, body, headers: { 'idempotency-key': randomUUID() } });

const validBody = (extra: Record<string, unknown> = {}) => ({
  siteId,
  kind: 'dangling_wire',
  place: '3幢2单元楼道',
  description: '有人从三楼窗口拉电线下来给电动车充电。',
  ...extra,
});

const seePhoto = async (token: string | undefined, url: string) => (await app.request('GET', url, { token })).status;

describe('reporting unsafe charging', () => {
  it('files a report with a photo and a point, which the reporter and the site staff see', async () => {
    const resident = app.resident();
    const photoId = await upload(resident);
    const created = await report(
      resident,
      validBody({ photoIds: [photoId], location: { lng: 121.1002, lat: 28.6001 }, portCode: port.code }),
    );
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      site: { id: siteId, name: '头陀镇中心充电站' },
      kind: 'dangling_wire',
      place: '3幢2单元楼道',
      location: { lng: 121.1002, lat: 28.6001 },
      portLabel: '1号',
      photos: [{ id: photoId, url: `/api/uploads/${photoId}` }],
      status: 'open',
      createdAt: app.clock.now().toISOString(),
      assignedAt: null,
      resolvedAt: null,
      answer: null,
    });
    const url = created.body.photos[0].url as string;
    expect(await seePhoto(resident, url)).toBe(200);
    expect(await seePhoto(staff, url)).toBe(200);
    expect(await seePhoto(otherStaff, url)).toBe(404);
    expect(await seePhoto(app.resident(), url)).toBe(404);
    expect(await seePhoto(undefined, url)).toBe(404);

    const mine = await app.request('GET', `${base}/me/reports`, { token: resident });
    expect(mine.body).toEqual({ items: [created.body], nextCursor: null });
    expect((await app.request('GET', `${base}/reports/${created.body.id}`, { token: resident })).body).toEqual(
      created.body,
    );
  });

  it("erases a deleted reporter's photos, bytes included, so the site's staff no longer see them", async () => {
    const { token, user } = app.signIn('resident');
    const photoId = await upload(token);
    const created = await report(token, validBody({ photoIds: [photoId] }));
    expect(await seePhoto(staff, `/api/uploads/${photoId}`)).toBe(200);
    await chargingAccountData.onAccountDeleted(user.id, app.deps);
    expect(await seePhoto(staff, `/api/uploads/${photoId}`)).toBe(404);
    expect(await Uploads(app.connection).countDocuments({ _id: photoId })).toBe(0);
    const listed = await app.request('GET', `${base}/staff/reports?siteId=${siteId}`, { token: staff });
    const kept = listed.body.items.find((r: { id: string }) => r.id === created.body.id);
    expect(kept).toMatchObject({ place: '3幢2单元楼道', description: '（账号已注销）', photos: [] });
  });

  it("answers another resident's report, and a missing one, with 404", async () => {
    const created = await report(app.resident(), validBody());
    expect(created.status).toBe(201);
    const someoneElse = app.resident();
    for (const id of [created.body.id, newObjectId()]) {
      const response = await app.request('GET', `${base}/reports/${id}`, { token: someoneElse });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await app.request('GET', `${base}/me/reports`, { token: someoneElse })).body.items).toEqual([]);
  });

  it('refuses bad input with nothing stored and no upload claimed', async () => {
    const resident = app.resident();
    const mine = await upload(resident);
    const theirs = await upload(app.resident());
    const before = await app.countDocuments();
    const cases: [Record<string, unknown>, number, string][] = [
      [validBody({ photoIds: [theirs] }), 400, 'REPORT_PHOTO_INVALID'],
      [validBody({ photoIds: [mine, theirs] }), 400, 'REPORT_PHOTO_INVALID'],
      [validBody({ photoIds: [mine, mine] }), 400, 'REPORT_PHOTO_INVALID'],
      [validBody({ photoIds: [newObjectId()] }), 400, 'REPORT_PHOTO_INVALID'],
      [validBody({ photoIds: Array.from({ length: 5 }, newObjectId) }), 400, 'VALIDATION_FAILED'],
      [validBody({ siteId: newObjectId() }), 404, 'NOT_FOUND'],
      [validBody({ siteId: otherSiteId, portCode: port.code }), 404, 'NOT_FOUND'],
      [validBody({ portCode: '22222222' }), 404, 'NOT_FOUND'],
      [validBody({ reporter: newObjectId() }), 400, 'VALIDATION_FAILED'],
      [validBody({ status: 'resolved' }), 400, 'VALIDATION_FAILED'],
      [validBody({ siteId: { $gt: '' } }), 400, 'VALIDATION_FAILED'],
      [validBody({ location: { lng: 200, lat: 28 } }), 400, 'VALIDATION_FAILED'],
      [validBody({ location: { lng: '121', lat: 28 } }), 400, 'VALIDATION_FAILED'],
      [validBody({ kind: 'noise' }), 400, 'VALIDATION_FAILED'],
      [validBody({ place: '' }), 400, 'VALIDATION_FAILED'],
      [validBody({ description: 'x'.repeat(1001) }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await report(resident, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.code, JSON.stringify(body)).toBe(code);
    }
    expect(await app.countDocuments()).toEqual(before);
    const uploads = await Uploads(app.connection)
      .find({ _id: { $in: [mine, theirs] } }, { attachedTo: 1 })
      .lean();
    expect(uploads.map((u) => u.attachedTo)).toEqual([null, null]);
  });
});

describe('staff working the reports', () => {
  it('assigns, resolves with a note and a photo, and the reporter is told and sees the answer', async () => {
    const resident = app.resident();
    const created = await report(resident, validBody({ kind: 'indoor_charging', place: '5幢一楼大厅' }));
    const id = created.body.id as string;

    const listed = await app.request('GET', `${base}/staff/reports?status=open`, { token: staff });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(listed.body.items.find((r: { id: string }) => r.id === id).assigneeId).toBeNull();

    app.clock.advance(60_000);
    const assigned = await app.request('POST', `${base}/staff/reports/${id}/assign`, { token: staff, body: {} });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedAt: app.clock.now().toISOString() });
    expect(assigned.body.assigneeId).toMatch(/^[0-9a-f]{24}$/);

    app.clock.advance(3_600_000);
    const proof = await upload(staff);
    const resolved = await app.request('POST', `${base}/staff/reports/${id}/resolve`, {
      token: staff,
      body: { note: '已劝导住户将电动车移至集中充电棚，楼道内插座已拆除。', photoId: proof },
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedAt: app.clock.now().toISOString(),
      answer: {
        note: '已劝导住户将电动车移至集中充电棚，楼道内插座已拆除。',
        photo: { id: proof, url: `/api/uploads/${proof}` },
      },
    });

    const inbox = await app.request('GET', '/api/notifications', { token: resident });
    const told = inbox.body.items.filter((n: { kind: string }) => n.kind === 'charging_report_answered');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: '您的充电安全举报已处理',
      body: '已劝导住户将电动车移至集中充电棚，楼道内插座已拆除。',
    });

    const seen = await app.request('GET', `${base}/reports/${id}`, { token: resident });
    expect(seen.body).toMatchObject({ status: 'resolved', answer: { note: resolved.body.answer.note } });
    expect(await seePhoto(resident, `/api/uploads/${proof}`)).toBe(200);

    const again = await app.request('POST', `${base}/staff/reports/${id}/resolve`, {
      token: staff,
      body: { note: '再处理一次' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT_RESOLVED');
    const reassign = await app.request('POST', `${base}/staff/reports/${id}/assign`, { token: staff, body: {} });
    expect(reassign.body.code).toBe('REPORT_RESOLVED');
  });

  it('tells the reporter once, with the note that won, when two staff resolve at once', async () => {
    const resident = app.resident();
    const { body } = await report(resident, validBody());
    const second = app.signIn('staff', [`charging-site:${siteId}`]).token;
    const answers = await Promise.all(
      [staff, second].map((token, n) =>
        app.request('POST', `${base}/staff/reports/${body.id}/resolve`, { token, body: { note: `处理意见${n}` } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.answer.note as string;
    const inbox = await app.request('GET', '/api/notifications', { token: resident });
    const live = inbox.body.items.filter((n: { kind: string }) => n.kind === 'charging_report_answered');
    // The loser's notice is held until its guard is found false, and never shown.
    expect(live.map((n: { body: string }) => n.body)).toEqual([winner]);
  });

  it("answers staff of another site exactly as a missing report, and lists none of that site's", async () => {
    const { body } = await report(app.resident(), validBody());
    const before = await app.countDocuments();
    for (const [method, path, sent] of [
      ['POST', `${base}/staff/reports/${body.id}/assign`, {}],
      ['POST', `${base}/staff/reports/${body.id}/resolve`, { note: '与我无关' }],
      ['POST', `${base}/staff/reports/${newObjectId()}/assign`, {}],
    ] as const) {
      const response = await app.request(method, path, { token: otherStaff, body: sent });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    const scoped = await app.request('GET', `${base}/staff/reports?siteId=${siteId}`, { token: otherStaff });
    expect(scoped.status).toBe(404);
    const all = await app.request('GET', `${base}/staff/reports`, { token: otherStaff });
    expect(all.body.items).toEqual([]);
    expect(await app.countDocuments()).toEqual(before);
    const unchanged = await app.request('GET', `${base}/reports/${body.id}`, { token: staff });
    expect(unchanged.status).toBe(404);
  });

  it('hands a report only to an operator of the same site', async () => {
    const { body } = await report(app.resident(), validBody());
    const stranger = await app.request('POST', `${base}/staff/reports/${body.id}/assign`, {
      token: staff,
      body: { assigneeId: newObjectId() },
    });
    expect(stranger.status).toBe(404);
    const still = await app.request('GET', `${base}/staff/reports?siteId=${siteId}&status=open`, { token: staff });
    expect(still.body.items.map((r: { id: string }) => r.id)).toContain(body.id);
  });
});
