import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaigns } from '../../src/features/memorial/campaign.model';
import { standingClock, type TestClock } from '../support/app';
import { base, newObjectId, startMemorialApp, type MemorialTestApp } from './support';

const NOW = new Date('2027-04-04T02:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

let app: MemorialTestApp;
let clock: TestClock;
beforeAll(async () => {
  clock = standingClock(NOW);
  app = await startMemorialApp({ clock });
});
afterAll(() => app?.close());

const campaign = (id: string) => app.request('GET', `${base}/campaigns/${id}`);

async function flower(code: string) {
  const left = await app.tribute(app.resident(), code, { kind: 'flower' });
  expect(left.status, left.text).toBe(201);
}

describe('纪念活动 run by the cemetery’s staff', () => {
  it('a campaign naming memorials counts only their tributes, and ends when staff end it', async () => {
    const named = await app.createMemorial(app.resident(), { name: '陈英', visibility: 'public' });
    const other = await app.createMemorial(app.resident(), { name: '吴刚', visibility: 'public' });
    const created = await app.post(app.staff, '/staff/campaigns', {
      cemeteryId: app.cemeteryId,
      name: '清明·缅怀陈英',
      startsAt: at(-1),
      endsAt: at(24),
      memorialIds: [named.id, named.id],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.memorialIds).toEqual([named.id]);
    const id = created.body.id as string;

    await flower(named.code);
    await flower(other.code);
    expect((await campaign(id)).body.totals.all).toBe(1);

    const foreign = await app.post(app.otherStaff, `/staff/campaigns/${id}/end`);
    expect(foreign.status).toBe(404);
    expect((await campaign(id)).body.endsAt).toBe(at(24));

    clock.set(new Date(at(2)));
    const ended = await app.post(app.staff, `/staff/campaigns/${id}/end`);
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.endsAt).toBe(at(2));
    await flower(named.code);
    expect((await campaign(id)).body.totals.all).toBe(1);

    clock.set(new Date(at(3)));
    const again = await app.post(app.staff, `/staff/campaigns/${id}/end`);
    expect(again.status).toBe(200);
    expect(again.body.endsAt).toBe(at(2));
    clock.set(NOW);
  });

  it('ending a campaign that has not begun leaves it counting nothing', async () => {
    const created = await app.post(app.staff, '/staff/campaigns', {
      cemeteryId: app.cemeteryId,
      name: '烈士纪念日',
      startsAt: at(48),
      endsAt: at(72),
    });
    expect(created.status, created.text).toBe(201);
    const ended = await app.post(app.staff, `/staff/campaigns/${created.body.id}/end`);
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.endsAt).toBe(at(48));
    expect(ended.body.startsAt).toBe(at(48));
  });

  it('refuses a family memorial, another cemetery’s memorial or an unknown id, storing nothing', async () => {
    const family = await app.createMemorial(app.resident());
    const before = await Campaigns(app.connection).countDocuments();
    for (const memorialId of [family.id, newObjectId()]) {
      const refused = await app.post(app.staff, '/staff/campaigns', {
        cemeteryId: app.cemeteryId,
        name: '清明',
        startsAt: at(-1),
        endsAt: at(24),
        memorialIds: [memorialId],
      });
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.code).toBe('CAMPAIGN_MEMORIAL_UNKNOWN');
    }
    const empty = await app.post(app.staff, '/staff/campaigns', {
      cemeteryId: app.cemeteryId,
      name: '清明',
      startsAt: at(-1),
      endsAt: at(24),
      memorialIds: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    expect(await Campaigns(app.connection).countDocuments()).toBe(before);
    expect((await app.post(app.staff, `/staff/campaigns/${newObjectId()}/end`)).status).toBe(404);
  });
});
