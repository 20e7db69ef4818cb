import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STORY_DRAFT } from '@warmcity/shared/api/memorial-stories';
import { FAKE_STORY, lifeStoryEnvFor, startLifeStoryFake, type LifeStoryFake } from '../../../scripts/fakes/life-story';
import { memorialAccountData } from '../../src/features/memorial/account-data';
import { Memorials } from '../../src/features/memorial/memorial.model';
import { startNextWindow } from '../support/app';
import { resident, syntheticIdNumber, type Resident } from '../insurance/support';
import { base, startMemorialApp, type MemorialTestApp } from './support';

const ID_NUMBER = /\d{17}[\dXx]/;
const facts = {
  hometown: '平阳县昆阳镇',
  work: '在镇上的农机站修了三十年拖拉机',
  family: '育有两子一女，孙辈七人',
  knownFor: '谁家农机坏了，他半夜也去修',
  saying: '手上有活，心里不慌',
};

let fake: LifeStoryFake;
let app: MemorialTestApp;
let owner: Resident;
let relative: string;
let memorial: { id: string; code: string };
let open: { id: string; code: string };

const draftPath = (id: string) => `/memorials/${id}/story-draft`;
const requestDraft = (token: string, id: string, body: unknown = { facts }) => app.post(token, draftPath(id), body);
const stored = (id: string) => Memorials(app.connection).findById(id).lean();

beforeAll(async () => {
  fake = await startLifeStoryFake();
  app = await startMemorialApp({ env: lifeStoryEnvFor(fake) });
  // The owner's account holds a bound identity: it must never reach the model.
  owner = await resident(app, '林国华');
  relative = app.resident();
  memorial = await app.createMemorial(owner.token, { visibility: 'family', name: '林远山' });
  open = await app.createMemorial(owner.token, { visibility: 'public', name: '林远水' });
  const invite = await app.post(owner.token, `/memorials/${memorial.id}/invites`);
  expect((await app.post(relative, '/invites/accept', { code: invite.body.code })).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

describe('a model-written draft', () => {
  it('sends the facts and the dates only, with the key and model configured', async () => {
    fake.behave('ok', FAKE_STORY);
    const sent = fake.received.length;
    const drafted = await requestDraft(owner.token, memorial.id);
    expect(drafted.status, drafted.text).toBe(200);
    expect(drafted.body.draft).toMatchObject({ facts, text: FAKE_STORY, source: 'model' });
    expect(fake.received).toHaveLength(sent + 1);
    const call = fake.received.at(-1)!;
    expect(call.authorization).toBe(`Bearer ${fake.key}`);
    expect(call.body.model).toBe(fake.model);
    expect(call.body.max_tokens).toBeGreaterThan(0);
    const user = call.body.messages!.find((message) => message.role === 'user')!.content;
    expect(user).toContain('姓名：林远山');
    expect(user).toContain('出生：1931年3月2日');
    expect(user).toContain('辞世：2019年11月20日');
    for (const value of Object.values(facts)) expect(user).toContain(value);
    expect(call.raw).not.toContain(owner.idNumber);
    expect(call.raw).not.toMatch(ID_NUMBER);
    expect(call.raw).not.toContain('SH-2019-0312');
    expect(call.raw).not.toContain(owner.name);
    expect(drafted.body.draft.text).not.toMatch(ID_NUMBER);
  });

  it('is never public before approval: everyone, the owner included, still sees the old biography', async () => {
    fake.behave('ok', FAKE_STORY);
    await requestDraft(owner.token, open.id);
    for (const [token, path] of [
      [relative, `/memorials/${memorial.id}`],
      [owner.token, `/memorials/${memorial.id}`],
      [app.staff, `/memorials/${memorial.id}`],
      [undefined, `/codes/${open.code}`],
      [app.resident(), `/memorials/${open.id}`],
      [owner.token, '/me/memorials'],
      [relative, '/me/memorials'],
    ] as const) {
      const seen = await app.request('GET', `${base}${path}`, token ? { token } : {});
      expect(seen.status, seen.text).toBe(200);
      expect(seen.text).not.toContain('勤勉朴实');
    }
    const page = await app.request('GET', `${base}/memorials?limit=100`);
    expect(page.text).not.toContain('勤勉朴实');
    expect((await app.request('GET', `${base}/codes/${open.code}`)).body.biography).toBe('一生务农，种了一辈子杨梅。');
  });

  it('only its owner reads, saves or approves it; anyone else gets 404 and nothing changes', async () => {
    await requestDraft(owner.token, memorial.id);
    const before = await stored(memorial.id);
    for (const who of [relative, app.staff, app.resident()]) {
      for (const refused of [
        await app.request('GET', `${base}${draftPath(memorial.id)}`, { token: who }),
        await requestDraft(who, memorial.id),
        await app.request('PUT', `${base}${draftPath(memorial.id)}/text`, { token: who, body: { text: '改' } }),
        await app.post(who, `${draftPath(memorial.id)}/approve`, { text: '改' }),
      ]) {
        expect(refused.status, refused.text).toBe(404);
        expect(refused.body.code).toBe('NOT_FOUND');
      }
    }
    expect(await stored(memorial.id)).toEqual(before);
  });

  it('the owner edits and approves it; only then is it the public biography, and the draft is gone', async () => {
    await requestDraft(owner.token, open.id);
    const saved = await app.request('PUT', `${base}${draftPath(open.id)}/text`, {
      token: owner.token,
      body: { text: '林远水一生务农。' },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.draft.text).toBe('林远水一生务农。');
    const mine = await app.request('GET', `${base}${draftPath(open.id)}`, { token: owner.token });
    expect(mine.body.draft.text).toBe('林远水一生务农。');
    expect((await app.request('GET', `${base}/codes/${open.code}`)).body.biography).toBe('一生务农，种了一辈子杨梅。');

    const approved = await app.post(owner.token, `${draftPath(open.id)}/approve`, {
      text: '林远水一生务农，乐于助人。',
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.biography).toBe('林远水一生务农，乐于助人。');
    expect((await app.request('GET', `${base}/codes/${open.code}`)).body.biography).toBe('林远水一生务农，乐于助人。');
    expect((await app.request('GET', `${base}${draftPath(open.id)}`, { token: owner.token })).body.draft).toBeNull();
    expect((await stored(open.id))!.storyDraft).toBeNull();

    const twice = await app.post(owner.token, `${draftPath(open.id)}/approve`, { text: '再来' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('STORY_DRAFT_MISSING');
    const save = await app.request('PUT', `${base}${draftPath(open.id)}/text`, {
      token: owner.token,
      body: { text: '再来' },
    });
    expect(save.body.code).toBe('STORY_DRAFT_MISSING');
    expect((await app.request('GET', `${base}/codes/${open.code}`)).body.biography).toBe('林远水一生务农，乐于助人。');
  });

  it('a long answer is cut at the last sentence end within the cap', async () => {
    const sentence = '他一生勤劳，待人宽厚，乡亲们都敬重他。';
    fake.behave('ok', sentence.repeat(200));
    const drafted = await requestDraft(owner.token, memorial.id);
    const text = drafted.body.draft.text as string;
    expect(text.length).toBeLessThanOrEqual(MAX_STORY_DRAFT);
    expect(text.length).toBeGreaterThan(MAX_STORY_DRAFT - sentence.length);
    expect(text.endsWith('。')).toBe(true);
    expect(text.length % sentence.length).toBe(0);
    fake.behave('ok', FAKE_STORY);
  });

  it('an answer holding an ID-like number is not used: the template instead', async () => {
    fake.behave('ok', `林远山，身份证号${syntheticIdNumber()}，一生务农。`);
    const drafted = await requestDraft(owner.token, memorial.id);
    expect(drafted.body.draft.source).toBe('template');
    expect(drafted.text).not.toMatch(ID_NUMBER);
    fake.behave('ok', FAKE_STORY);
  });

  it('a provider error falls back to the template, and says so', async () => {
    fake.behave('fail');
    const drafted = await requestDraft(owner.token, memorial.id);
    expect(drafted.status, drafted.text).toBe(200);
    expect(drafted.body.draft.source).toBe('template');
    expect(drafted.body.draft.text).toContain('林远山，平阳县昆阳镇人，1931年3月2日生，2019年11月20日辞世，享年88岁。');
    expect((await stored(memorial.id))!.storyDraft!.source).toBe('template');
    fake.behave('ok');
  });
});

describe('account deletion', () => {
  it('takes the owner’s unapproved draft with it; the published biography stays', async () => {
    const leaving = app.signIn('resident');
    const own = await app.createMemorial(leaving.token, { visibility: 'public' });
    expect((await requestDraft(leaving.token, own.id)).status).toBe(200);
    await memorialAccountData.onAccountDeleted(leaving.user.id, app.deps);
    const after = await stored(own.id);
    expect(after!.ownerId).toBeNull();
    expect(after!.storyDraft).toBeNull();
    expect(after!.biography).toBe('一生务农，种了一辈子杨梅。');
  });
});

describe('refusals', () => {
  it.each([
    ['an ID number in a fact', { facts: { ...facts, family: `长子身份证${syntheticIdNumber()}` } }],
    ['a spaced ID number', { facts: { ...facts, work: syntheticIdNumber().replace(/(\d{6})(\d{8})/, '$1 $2 ') } }],
    ['a phone number', { facts: { ...facts, family: '联系长子 138-0571-2345' } }],
    ['an unknown fact', { facts: { ...facts, idNumber: '1' } }],
    ['an unknown key', { facts, model: 'gpt-4' }],
    ['an oversized fact', { facts: { ...facts, knownFor: '好'.repeat(301) } }],
    ['an operator object', { facts: { hometown: { $ne: '' } } }],
    ['no facts at all', {}],
  ])('%s is a 400 problem: nothing stored, nothing sent', async (_, body) => {
    const before = await app.countDocuments();
    const memorialBefore = await stored(memorial.id);
    const sent = fake.received.length;
    const refused = await requestDraft(owner.token, memorial.id, body);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await app.countDocuments()).toEqual(before);
    expect(await stored(memorial.id)).toEqual(memorialBefore);
    expect(fake.received).toHaveLength(sent);
  });

  it('draft requests are rate-limited per owner', async () => {
    startNextWindow(app.clock, 3_600_000);
    const busy = await resident(app, '林国强');
    const own = await app.createMemorial(busy.token, { visibility: 'family' });
    const sent = fake.received.length;
    for (let i = 0; i < 10; i += 1) expect((await requestDraft(busy.token, own.id)).status).toBe(200);
    const limited = await requestDraft(busy.token, own.id);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(fake.received).toHaveLength(sent + 10);
  });
});

describe('without a model', () => {
  it('no provider configured: a template draft from the facts', async () => {
    const plain = await startMemorialApp();
    try {
      const token = plain.resident();
      const own = await plain.createMemorial(token, { visibility: 'family' });
      const drafted = await plain.post(token, draftPath(own.id), { facts });
      expect(drafted.status, drafted.text).toBe(200);
      expect(drafted.body.draft.source).toBe('template');
      expect(drafted.body.draft.text).toBe(
        '林远山，平阳县昆阳镇人，1931年3月2日生，2019年11月20日辞世，享年88岁。' +
          '这一生，在镇上的农机站修了三十年拖拉机。家中，育有两子一女，孙辈七人。' +
          '熟悉的人都记得：谁家农机坏了，他半夜也去修。生前常说：“手上有活，心里不慌”。家人永远怀念。',
      );
      const few = await plain.post(token, draftPath(own.id), { facts: {} });
      expect(few.body.draft.text).toBe('林远山，1931年3月2日生，2019年11月20日辞世，享年88岁。家人永远怀念。');
    } finally {
      await plain.close();
    }
  });

  it('a provider that does not answer in the configured time: the template', async () => {
    const slow = await startLifeStoryFake();
    const timed = await startMemorialApp({ env: lifeStoryEnvFor(slow, 200) });
    try {
      slow.behave('slow');
      const token = timed.resident();
      const own = await timed.createMemorial(token, { visibility: 'family' });
      const drafted = await timed.post(token, draftPath(own.id), { facts });
      expect(drafted.status, drafted.text).toBe(200);
      expect(drafted.body.draft.source).toBe('template');
      expect(slow.received).toHaveLength(1);
    } finally {
      await timed.close();
      await slow.close();
    }
  });
});
