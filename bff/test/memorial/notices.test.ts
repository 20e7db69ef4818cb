import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { memorialAccountData } from '../../src/features/memorial/account-data';
import { Cemeteries } from '../../src/features/memorial/cemetery.model';
import { DeathNotices } from '../../src/features/memorial/death-notice.model';
import { REPORT_LIMIT } from '../../src/features/memorial/death-notice.service';
import { AuditLog } from '../../src/platform/personal-data/audit';
import { standingClock } from '../support/app';
import { base, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

// 10:00 China time on 20 March 2027, so "today" is 2027-03-20 there.
const NOW = new Date('2027-03-20T02:00:00Z');
const PHONE = '13857712345';

let app: MemorialTestApp;
beforeAll(async () => {
  app = await startMemorialApp({ clock: standingClock(NOW) });
});
afterAll(() => app?.close());

let serial = 100;
/** A made-up 平阳 (330326) number born 1940-01-01, with a fresh sequence and a right check character. */
function idNumber() {
  serial += 1;
  const first17 = `33032619400101${String(serial).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}
const usedIdNumbers: string[] = [];

const report = (token: string, body: Record<string, unknown>, key: string = randomUUID()) =>
  app.request('POST', `${base}/death-notices`, { token, body, headers: { 'idempotency-key': key } });

function noticeBody(cemeteryId: string, overrides: Record<string, unknown> = {}) {
  const id = idNumber();
  usedIdNumbers.push(id);
  return {
    cemeteryId,
    deceasedName: '林阿公',
    idNumber: id,
    deathDate: '2027-03-18',
    place: '平阳县人民医院',
    relation: '儿子',
    contactPhone: PHONE,
    ...overrides,
  };
}

async function reported(token: string, cemeteryId: string, overrides: Record<string, unknown> = {}) {
  const response = await report(token, noticeBody(cemeteryId, overrides));
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; state: string };
}

/** A cemetery of the test's own, so its agency lists hold only that test's notices. */
async function newCemetery() {
  const cemetery = await Cemeteries(app.connection).create({ name: '测试陵园', address: '平阳县' });
  const id = cemetery._id.toHexString();
  return { id, agency: app.signIn('staff', [`agency:${id}`]).token };
}

const mine = (token: string, id: string) => app.request('GET', `${base}/me/death-notices/${id}`, { token });
const agencyList = (token: string, cemeteryId: string, state = 'submitted') =>
  app.request('GET', `${base}/agency/cemeteries/${cemeteryId}/death-notices?state=${state}`, { token });
const agencyGet = (token: string, id: string) => app.request('GET', `${base}/agency/death-notices/${id}`, { token });
const agencyMove = (token: string, id: string, action: string, body: unknown = {}) =>
  app.request('POST', `${base}/agency/death-notices/${id}/${action}`, { token, body });

async function noticeKinds(token: string) {
  const inbox = await app.request('GET', '/api/notifications', { token });
  expect(inbox.status, inbox.text).toBe(200);
  return (inbox.body.items as { kind: string }[])
    .map((item) => item.kind)
    .filter((k) => k === 'memorial_notice_update');
}

async function auditActions(noticeId: string) {
  const rows = await AuditLog(app.connection).find({ 'purpose.note': noticeId }).sort({ _id: 1 }).lean();
  return rows.map((row) => row.action);
}

describe('death notices: the flow', () => {
  it('the family reports, the agency team opens, accepts, notes progress and finishes; the family sees each step', async () => {
    const cemetery = await newCemetery();
    const { token: family, user } = app.signIn('resident');
    const body = noticeBody(cemetery.id, { note: '想尽快办理火化手续' });
    const created = await report(family, body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      cemetery: { id: cemetery.id, name: '测试陵园' },
      deceasedName: '林阿公',
      maskedIdNumber: `330326********${body.idNumber.slice(-4)}`,
      deathDate: '2027-03-18',
      contactPhone: '138****2345',
      state: 'submitted',
      seenAt: null,
    });
    const id = created.body.id as string;

    // At rest: neither the number nor the phone is stored as itself.
    const stored = await DeathNotices(app.connection).findById(id).lean();
    expect(stored!.reportedBy.toHexString()).toBe(user.id);
    expect(JSON.stringify(stored)).not.toContain(body.idNumber);
    expect(JSON.stringify(stored)).not.toContain(PHONE);

    const list = await agencyList(cemetery.agency, cemetery.id);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((n: { id: string; contactPhone: string }) => [n.id, n.contactPhone])).toEqual([
      [id, '138****2345'],
    ]);
    const detail = await agencyGet(cemetery.agency, id);
    expect(detail.body).toMatchObject({ contactPhone: PHONE, seenAt: NOW.toISOString() });
    expect((await mine(family, id)).body).toMatchObject({ seenAt: NOW.toISOString(), contactPhone: '138****2345' });

    expect((await agencyMove(cemetery.agency, id, 'accept', { note: '王建华负责，今天下午联系您' })).body.state).toBe(
      'accepted',
    );
    expect((await agencyMove(cemetery.agency, id, 'progress', { note: '已联系殡仪馆' })).body.state).toBe(
      'in_progress',
    );
    expect((await agencyMove(cemetery.agency, id, 'progress', { note: '火化预约在 3 月 22 日' })).body.state).toBe(
      'in_progress',
    );
    const done = await agencyMove(cemetery.agency, id, 'complete');
    expect(done.status, done.text).toBe(200);

    const seen = await mine(family, id);
    expect(seen.body.state).toBe('done');
    expect(seen.body.timeline.map((s: { state: string; note: string; by: string }) => [s.state, s.note, s.by])).toEqual(
      [
        ['submitted', '', 'reporter'],
        ['accepted', '王建华负责，今天下午联系您', 'agency'],
        ['in_progress', '已联系殡仪馆', 'agency'],
        ['in_progress', '火化预约在 3 月 22 日', 'agency'],
        ['done', '', 'agency'],
      ],
    );
    const myList = await app.request('GET', `${base}/me/death-notices`, { token: family });
    expect(myList.body.items.map((n: { id: string }) => n.id)).toEqual([id]);

    // One notification per change the agency made, none for the report itself.
    expect(await noticeKinds(family)).toHaveLength(4);
    // One audit row per staff read and per change, each naming the notice, its reporter and the masked ID.
    expect(await auditActions(id)).toEqual([
      'memorial.death-notice.list',
      'memorial.death-notice.read',
      'memorial.death-notice.accept',
      'memorial.death-notice.progress',
      'memorial.death-notice.progress',
      'memorial.death-notice.complete',
    ]);
    const read = await AuditLog(app.connection)
      .findOne({ 'purpose.note': id, action: 'memorial.death-notice.read' })
      .lean();
    expect(read).toMatchObject({
      route: '/api/memorial/agency/death-notices/:id',
      subjectMaskedId: stored!.maskedIdNumber,
    });
    expect(read!.subjectAccount!.toHexString()).toBe(user.id);
    // A second read is a second row, and the notice stays seen at the first.
    await agencyGet(cemetery.agency, id);
    expect((await auditActions(id)).filter((a) => a === 'memorial.death-notice.read')).toHaveLength(2);
    expect((await mine(family, id)).body.seenAt).toBe(NOW.toISOString());
  });

  it('the family withdraws while submitted, not after acceptance; the agency closes one with a reason', async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const first = await reported(family, cemetery.id);
    const withdrawn = await app.request('POST', `${base}/me/death-notices/${first.id}/withdraw`, { token: family });
    expect(withdrawn.body.state).toBe('cancelled');
    expect([(await agencyMove(cemetery.agency, first.id, 'accept')).body.code]).toEqual(['DEATH_NOTICE_STATE']);

    const second = await reported(family, cemetery.id);
    await agencyMove(cemetery.agency, second.id, 'accept');
    const late = await app.request('POST', `${base}/me/death-notices/${second.id}/withdraw`, { token: family });
    expect([late.status, late.body.code]).toEqual([409, 'DEATH_NOTICE_STATE']);
    expect((await agencyMove(cemetery.agency, second.id, 'cancel', {})).status).toBe(400);
    const closed = await agencyMove(cemetery.agency, second.id, 'cancel', { note: '家属电话告知误报' });
    expect(closed.body).toMatchObject({ state: 'cancelled' });
    expect((await agencyMove(cemetery.agency, second.id, 'complete')).body.code).toBe('DEATH_NOTICE_STATE');
    // Accept and close were the agency's; the withdrawal was the family's own.
    expect(await noticeKinds(family)).toHaveLength(2);
  });

  it('ten racing accepts move the notice once and tell the family once', async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const created = await reported(family, cemetery.id);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => agencyMove(cemetery.agency, created.id, 'accept')),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const stored = await DeathNotices(app.connection).findById(created.id).lean();
    expect(stored!.timeline.map((step) => step.state)).toEqual(['submitted', 'accepted']);
    expect(await noticeKinds(family)).toHaveLength(1);
    expect((await auditActions(created.id)).filter((a) => a === 'memorial.death-notice.accept')).toHaveLength(1);
  });
});

describe('death notices: one per tap, one open per person, a rate limit', () => {
  it('a repeated or racing key creates one notice; a fresh key for the same person is refused while it is open', async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const body = noticeBody(cemetery.id);
    const key = randomUUID();
    const taps = await Promise.all(Array.from({ length: 5 }, () => report(family, body, key)));
    const created = taps.filter((t) => t.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((t) => t.body.id)).size).toBe(1);
    for (const t of taps.filter((x) => x.status !== 201)) expect(t.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const replay = await report(family, body, key);
    expect([replay.status, replay.body.id]).toEqual([201, created[0]!.body.id]);
    expect(await DeathNotices(app.connection).countDocuments({ cemeteryId: cemetery.id })).toBe(1);

    const again = await report(family, body);
    expect([again.status, again.body.code]).toEqual([409, 'DEATH_NOTICE_DUPLICATE']);
    await app.request('POST', `${base}/me/death-notices/${created[0]!.body.id}/withdraw`, { token: family });
    expect((await report(family, body)).status).toBe(201);
    // Another relative may report the same death.
    expect((await report(app.resident(), body)).status).toBe(201);
  });

  it(`${REPORT_LIMIT.limit} racing reports of one person under fresh keys store exactly one open notice`, async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const body = noticeBody(cemetery.id);
    const answers = await Promise.all(Array.from({ length: REPORT_LIMIT.limit }, () => report(family, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(REPORT_LIMIT.limit - 1).fill(409)]);
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(
      new Set(['DEATH_NOTICE_DUPLICATE']),
    );
    expect(await DeathNotices(app.connection).countDocuments({ cemeteryId: cemetery.id })).toBe(1);
  });

  it(`refuses the ${REPORT_LIMIT.limit + 1}th report in an hour with 429 and stores nothing`, async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    for (let i = 0; i < REPORT_LIMIT.limit; i += 1) await reported(family, cemetery.id);
    const before = await DeathNotices(app.connection).countDocuments();
    const refused = await report(family, noticeBody(cemetery.id));
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await DeathNotices(app.connection).countDocuments()).toBe(before);
    app.clock.advance(REPORT_LIMIT.windowSeconds * 1000);
    expect((await report(family, noticeBody(cemetery.id))).status).toBe(201);
    app.clock.reset();
  });
});

describe('death notices: bad input stores nothing', () => {
  it('answers 400 for each bad input class, stores nothing and does not count against the limit', async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const valid = noticeBody(cemetery.id);
    const wrongCheck = `${valid.idNumber.slice(0, 17)}${valid.idNumber.endsWith('0') ? '1' : '0'}`;
    const before = await app.countDocuments();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...valid, priority: 'high' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, cemeteryId: { $gt: '' } }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, idNumber: { $ne: null } }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, contactPhone: { $exists: true } }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, idNumber: wrongCheck }, 400, 'INVALID_ID_NUMBER'],
      [{ ...valid, idNumber: '3303261940010100' }, 400, 'INVALID_ID_NUMBER'],
      [{ ...valid, idNumber: `${valid.idNumber}0`.repeat(3) }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, idNumber: '33032619401301001X' }, 400, 'INVALID_ID_NUMBER'],
      [{ ...valid, deathDate: '2027-03-21' }, 400, 'DEATH_DATE_OUT_OF_RANGE'],
      [{ ...valid, deathDate: '1899-12-31' }, 400, 'DEATH_DATE_OUT_OF_RANGE'],
      [{ ...valid, deathDate: '1939-12-31' }, 400, 'DEATH_DATE_OUT_OF_RANGE'],
      [{ ...valid, deathDate: '2027-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, deceasedName: '林'.repeat(31) }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, place: '院'.repeat(101) }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, note: '话'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, relation: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, contactPhone: '0577-6312345' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, deceasedName: '林\u0007阿公' }, 400, 'VALIDATION_FAILED'],
      [{ ...valid, cemeteryId: newObjectId() }, 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const response = await report(family, body);
      expect([response.status, response.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    // A bad progress note too.
    const created = await reported(app.resident(), cemetery.id);
    for (const bad of [{ note: '' }, { note: 'x'.repeat(201) }, { note: { $gt: '' } }, { note: 'ok', state: 'done' }]) {
      expect((await agencyMove(cemetery.agency, created.id, 'progress', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await DeathNotices(app.connection).findById(created.id).lean())!.timeline).toHaveLength(1);
    const after = await app.countDocuments();
    expect(after.memorial_death_notices).toBe((before.memorial_death_notices ?? 0) + 1);

    // The earliest dates in range are taken, and none of the refusals counted against the limit.
    expect((await report(family, { ...valid, deathDate: '1940-01-01' })).status).toBe(201);
    expect((await report(family, noticeBody(cemetery.id, { deathDate: '2027-03-20' }))).status).toBe(201);
  });
});

describe('death notices: nobody else knows they exist', () => {
  it('another resident, cemetery staff without the agency scope and another cemetery’s agency get 404, unaudited', async () => {
    const cemetery = await newCemetery();
    const family = app.resident();
    const stranger = app.resident();
    const cemeteryStaff = app.signIn('staff', [`cemetery:${cemetery.id}`]).token;
    const otherAgency = app.signIn('staff', [`agency:${app.otherCemeteryId}`]).token;
    const created = await reported(family, cemetery.id);
    const auditBefore = await AuditLog(app.connection).countDocuments();

    expect((await mine(stranger, created.id)).status).toBe(404);
    expect((await mine(stranger, newObjectId())).status).toBe(404);
    expect(
      (await app.request('POST', `${base}/me/death-notices/${created.id}/withdraw`, { token: stranger })).status,
    ).toBe(404);
    expect((await app.request('GET', `${base}/me/death-notices`, { token: stranger })).body.items).toEqual([]);
    for (const token of [cemeteryStaff, otherAgency, app.staff]) {
      expect((await agencyList(token, cemetery.id)).status).toBe(404);
      expect((await agencyGet(token, created.id)).status).toBe(404);
      for (const [action, body] of [
        ['accept', {}],
        ['progress', { note: '试探' }],
        ['complete', {}],
        ['cancel', { note: '试探' }],
      ] as const) {
        expect((await agencyMove(token, created.id, action, body)).status).toBe(404);
      }
    }
    // A resident is refused the agency routes outright.
    expect((await agencyGet(family, created.id)).status).toBe(403);
    expect(await AuditLog(app.connection).countDocuments()).toBe(auditBefore);
    const stored = await DeathNotices(app.connection).findById(created.id).lean();
    expect([stored!.state, stored!.seenAt, stored!.timeline.length]).toEqual(['submitted', null, 1]);
    expect(await noticeKinds(family)).toHaveLength(0);
  });
});

describe('death notices: account deletion', () => {
  it('exports the notices masked, closes the open ones and erases the phone, note and ID ciphertext', async () => {
    const cemetery = await newCemetery();
    const { token, user } = app.signIn('resident');
    const open = await reported(token, cemetery.id, { note: '请回电' });
    const finished = await reported(token, cemetery.id);
    await agencyMove(cemetery.agency, finished.id, 'complete').then((r) => expect(r.status).toBe(409));
    await agencyMove(cemetery.agency, finished.id, 'accept');
    await agencyMove(cemetery.agency, finished.id, 'complete');

    const exported = (await memorialAccountData.exportData(user.id, app.deps)) as { deathNotices: object[] };
    expect(exported.deathNotices).toHaveLength(2);
    const text = JSON.stringify(exported.deathNotices);
    expect(text).not.toMatch(/idNumberCipher|phoneCipher|idLookupKey/);
    expect(text).toContain('138****2345');

    await memorialAccountData.onAccountDeleted(user.id, app.deps);
    const stored = await DeathNotices(app.connection)
      .find({ _id: { $in: [open.id, finished.id] } })
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    expect(stored.map((n) => [n.state, n.note, n.maskedPhone, n.phoneCipher, n.idNumberCipher, n.idLookupKey])).toEqual(
      [
        ['cancelled', '', '', '', '', ''],
        ['done', '', '', '', '', ''],
      ],
    );
    expect(stored[0]!.timeline.at(-1)).toMatchObject({ state: 'cancelled', note: '报丧人账户已注销' });
    // The agency still opens the closed record, without a phone to call.
    expect((await agencyGet(cemetery.agency, open.id)).body.contactPhone).toBe('');
  });
});

describe('death notices: the ID number never leaves whole', () => {
  it('no response or log line of this file carries any reported number', () => {
    expect(usedIdNumbers.length).toBeGreaterThan(10);
    for (const id of usedIdNumbers) {
      expect(app.responses.filter((text) => text.includes(id))).toEqual([]);
      expect(app.logs.filter((line) => line.includes(id))).toEqual([]);
    }
  });
});
