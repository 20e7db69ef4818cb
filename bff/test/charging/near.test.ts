import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point } from '@warmcity/shared/api/charging';
import { base, startChargingApp, TOUTUO, type ChargingTestApp } from './support';

/** mongod measures spherical distances on a sphere of this radius (metres). */
const EARTH_RADIUS_M = 6_378_100;

function haversine(a: Point, b: Point): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

let app: ChargingTestApp;
// Scattered around 头陀镇 (up to about 6 km), plus one in 平阳 far outside any radius.
const places: Point[] = Array.from({ length: 12 }, (_, i) => ({
  lng: TOUTUO.lng + Math.cos(i * 2.4) * 0.006 * (i + 1) * 0.9,
  lat: TOUTUO.lat + Math.sin(i * 2.4) * 0.004 * (i + 1) * 0.9,
}));
const far: Point = { lng: 120.57, lat: 27.66 };
const ids = new Map<string, Point>();

beforeAll(async () => {
  app = await startChargingApp();
  for (const [i, location] of [...places, far].entries()) {
    const site = await app.createSite({ ports: (i % 3) + 1, location, name: `站点${i}` });
    ids.set(site.siteId, location);
  }
});
afterAll(() => app?.close());

const near = (query: string) => app.request('GET', `${base}/sites?${query}`);

describe('sites near me', () => {
  it('orders sites by distance exactly as a haversine on mongod’s sphere does, within the radius', async () => {
    const from: Point = { lng: 121.185, lat: 28.603 };
    const response = await near(`lng=${from.lng}&lat=${from.lat}&radiusM=20000&limit=50`);
    expect(response.status, response.text).toBe(200);
    const expected = [...ids.entries()]
      .map(([id, location]) => ({ id, distance: haversine(from, location) }))
      .filter((site) => site.distance <= 20_000)
      .sort((a, b) => a.distance - b.distance);
    expect(expected).toHaveLength(12);
    const items = response.body.items as { id: string; distanceM: number; totalPorts: number; freePorts: number }[];
    expect(items.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    for (const [i, item] of items.entries()) expect(item.distanceM).toBe(Math.round(expected[i]!.distance));
    expect(items.every((s) => s.freePorts === s.totalPorts && s.totalPorts >= 1)).toBe(true);

    const nearest3 = await near(`lng=${from.lng}&lat=${from.lat}&limit=3&radiusM=20000`);
    expect(nearest3.body.items.map((s: { id: string }) => s.id)).toEqual(expected.slice(0, 3).map((s) => s.id));
    const within2km = await near(`lng=${from.lng}&lat=${from.lat}&radiusM=2000`);
    expect(within2km.body.items.map((s: { id: string }) => s.id)).toEqual(
      expected.filter((s) => s.distance <= 2000).map((s) => s.id),
    );
  });

  it('counts free ports from the port pools: a reserved port is not free', async () => {
    const site = await app.createSite({ ports: 3, location: { lng: 121.3, lat: 28.7 } });
    const token = app.resident();
    expect((await app.reserve(token, { siteId: site.siteId }, randomUUID())).status).toBe(201);
    const response = await near('lng=121.3&lat=28.7&radiusM=100');
    expect(response.body.items).toEqual([
      expect.objectContaining({ id: site.siteId, distanceM: 0, totalPorts: 3, freePorts: 2, openNow: true }),
    ]);
    const page = await app.request('GET', `${base}/sites/${site.siteId}`, { token });
    expect(page.body.ports.map((p: { status: string; mine: boolean }) => [p.status, p.mine])).toEqual([
      ['reserved', true],
      ['free', false],
      ['free', false],
    ]);
    const anonymous = await app.request('GET', `${base}/sites/${site.siteId}`);
    expect(anonymous.body.ports.map((p: { mine: boolean }) => p.mine)).toEqual([false, false, false]);
  });

  it('lists towns with a centre for the picker', async () => {
    const towns = await app.request('GET', `${base}/towns`);
    expect(towns.body.items).toEqual([
      expect.objectContaining({ code: 'toutuo', name: '头陀镇', district: '黄岩区', sites: ids.size + 1 }),
    ]);
  });

  it.each([
    ['longitude out of range', 'lng=181&lat=28.6', 'query.lng'],
    ['latitude out of range', 'lng=121.18&lat=-90.5', 'query.lat'],
    ['not a number', 'lng=abc&lat=28.6', 'query.lng'],
    ['empty', 'lng=&lat=28.6', 'query.lng'],
    ['infinite', 'lng=Infinity&lat=28.6', 'query.lng'],
    ['exponent', 'lng=1e2&lat=28.6', 'query.lng'],
    ['missing', 'lat=28.6', 'query.lng'],
    ['radius too large', 'lng=121.18&lat=28.6&radiusM=20001', 'query.radiusM'],
    ['radius not an integer', 'lng=121.18&lat=28.6&radiusM=1.5', 'query.radiusM'],
    ['limit too large', 'lng=121.18&lat=28.6&limit=51', 'query.limit'],
    ['operator', 'lng[$gt]=0&lat=28.6', 'query.lng[$gt]'],
    ['unknown key', 'lng=121.18&lat=28.6&town=toutuo', 'query.town'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_, query, path) => {
    const response = await near(query);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
