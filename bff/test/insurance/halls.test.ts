import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insuranceHalls } from '../../../scripts/seed/insurance-halls';
import { upsertHalls } from '../../src/features/insurance/tasks';
import { startInsuranceApp, type InsuranceApp } from './support';

let app: InsuranceApp;
beforeAll(async () => {
  app = await startInsuranceApp();
  await upsertHalls(app.connection, insuranceHalls);
});
afterAll(() => app?.close());

async function at(instant: string) {
  app.clock.set(new Date(instant));
  const response = await app.request('GET', '/api/insurance/halls');
  expect(response.status).toBe(200);
  const byName = (name: string) => response.body.items.find((h: { name: string }) => h.name.startsWith(name));
  return { yuecheng: byName('越城区'), songyang: byName('松阳县') };
}

describe('service halls, China time', () => {
  it.each([
    ['Wednesday 10:00', '2026-06-10T02:00:00Z', true, true],
    ['Wednesday 12:30, lunchtime', '2026-06-10T04:30:00Z', true, false],
    ['Wednesday 13:30, the afternoon opens', '2026-06-10T05:30:00Z', true, true],
    ['Wednesday 17:00, just closed', '2026-06-10T09:00:00Z', false, false],
    ['Wednesday 08:29', '2026-06-10T00:29:00Z', false, false],
    ['Saturday 10:00', '2026-06-13T02:00:00Z', true, false],
    ['Saturday 12:00', '2026-06-13T04:00:00Z', false, false],
    ['Sunday 10:00', '2026-06-14T02:00:00Z', false, false],
    ['National Day 10:00', '2026-10-01T02:00:00Z', false, false],
    ['the make-up Saturday 14:00', '2026-10-10T06:00:00Z', true, false],
    // Still Friday by UTC, already Saturday morning before opening in China.
    ['Friday 23:00 UTC is Saturday 07:00 in China', '2026-06-12T23:00:00Z', false, false],
  ])('%s: 越城区 open %s, 松阳县 open %s', async (_, instant, yuecheng, songyang) => {
    const halls = await at(instant);
    expect(halls.yuecheng.openNow).toBe(yuecheng);
    expect(halls.songyang.openNow).toBe(songyang);
  });

  it('shows today’s hours, the holiday note, the phone-answerable matters and a map link', async () => {
    const ordinary = await at('2026-06-10T02:00:00Z');
    expect(ordinary.yuecheng).toMatchObject({
      todayHours: ['08:30-17:00'],
      todayNote: null,
      lunchtimeService: true,
      saturdayService: true,
      phone: '0575-85000000',
      phoneMatters: ['参保信息查询', '异地就医备案', '缴费证明开具', '生育登记咨询'],
    });
    expect(ordinary.yuecheng.mapUrl).toBe(
      `https://uri.amap.com/marker?position=120.5821,30.0023&name=${encodeURIComponent('越城区医疗保障服务大厅')}`,
    );
    expect(ordinary.songyang.todayHours).toEqual(['08:30-12:00', '13:30-17:00']);
    const holiday = await at('2026-10-01T02:00:00Z');
    expect(holiday.yuecheng).toMatchObject({ todayHours: [], todayNote: '国庆节休息' });
  });

  it('upserting the halls again changes nothing', async () => {
    expect(await upsertHalls(app.connection, insuranceHalls)).toEqual({ upserted: 0, modified: 0 });
  });
});
