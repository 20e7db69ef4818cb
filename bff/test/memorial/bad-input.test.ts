import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextWindow } from '../support/app';
import { memorialBody, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
let code: string;
beforeAll(async () => {
  app = await startMemorialApp();
  code = (await app.createMemorial(app.resident(), { visibility: 'public' })).code;
});
afterAll(() => app?.close());

describe('bad input is a 400 problem and stores nothing', () => {
  it.each([
    ['an unknown key', { zzUnknown: 1 }],
    ['an operator object', { name: { $gt: '' } }],
    ['an oversized biography', { biography: '长'.repeat(5001) }],
    ['an oversized name', { name: '名'.repeat(31) }],
    ['death before birth', { birthDate: '1950-05-01', deathDate: '1950-04-30' }],
    ['a date out of range', { birthDate: '1700-01-01' }],
    ['an impossible date', { deathDate: '2019-02-30' }],
    ['an unknown visibility', { visibility: 'everyone' }],
    ['a portrait over plain http', { portraitUrl: 'http://example.com/a.jpg' }],
    ['an unknown plot key', { plot: { area: '松区', row: '3', number: '12', gps: '1,2' } }],
  ])('memorial with %s', async (_, overrides) => {
    const before = await app.countDocuments();
    const refused = await app.post(app.resident(), '/memorials', memorialBody(app.cemeteryId, overrides));
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await app.countDocuments()).toEqual(before);
  });

  it.each([
    ['an unknown kind', { kind: 'paper-money' }],
    ['an unknown key', { kind: 'flower', zzUnknown: 1 }],
    ['text on a flower', { kind: 'flower', text: '你好' }],
    ['an empty message', { kind: 'message', text: '   ' }],
    ['an oversized message', { kind: 'message', text: '字'.repeat(501) }],
    ['an operator object', { kind: 'message', text: { $ne: '' } }],
  ])('tribute with %s', async (_, body) => {
    const before = await app.countDocuments();
    const refused = await app.tribute(app.resident(), code, body);
    expect(refused.status, refused.text).toBe(400);
    expect(await app.countDocuments()).toEqual(before);
  });

  it('a campaign that ends before it starts', async () => {
    const before = await app.countDocuments();
    const refused = await app.post(app.staff, '/staff/campaigns', {
      cemeteryId: app.cemeteryId,
      name: '清明',
      startsAt: '2027-04-05T00:00:00+08:00',
      endsAt: '2027-04-04T00:00:00+08:00',
    });
    expect(refused.status).toBe(400);
    expect(await app.countDocuments()).toEqual(before);
  });
});

describe('rate limit', () => {
  it('a resident gets 429 after thirty tributes in ten minutes', async () => {
    startNextWindow(app.clock, 600_000);
    const resident = app.resident();
    const answers = [];
    for (let index = 0; index < 31; index += 1)
      answers.push((await app.tribute(resident, code, { kind: 'flower' })).status);
    expect(answers.filter((status) => status === 201)).toHaveLength(30);
    expect(answers.at(-1)).toBe(429);
  });
});
