import { afterEach, describe, expect, it, vi } from 'vitest';

const getLocation = vi.fn();
vi.mock('@tarojs/taro', () => ({ default: { getLocation: (options: unknown) => getLocation(options) } }));
/** `locate` as built for one platform: the build fixes TARO_ENV when the module loads. */
async function locateOn(platform: string) {
  vi.stubEnv('TARO_ENV', platform);
  vi.resetModules();
  return (await import('../src/charging/location')).locate;
}

/** Metres between two points on mongod's sphere, as the BFF measures them. */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6_378_100 * Math.asin(Math.sqrt(h));
}

afterEach(() => {
  vi.unstubAllEnvs();
  getLocation.mockReset();
});

describe('locate', () => {
  it('on H5 asks the browser for WGS84 and answers GCJ-02, the datum the sites are kept in', async () => {
    const locate = await locateOn('h5');
    // 头陀镇 as a phone's GPS gives it.
    const wgs84 = { lat: 28.6, lng: 121.18 };
    getLocation.mockResolvedValue({ latitude: wgs84.lat, longitude: wgs84.lng });
    const here = await locate();
    expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }));
    // GCJ-02 runs east and slightly south of WGS84 around 台州, some 450 m.
    expect(here!.lng).toBeGreaterThan(wgs84.lng + 0.004);
    expect(here!.lat).toBeLessThan(wgs84.lat);
    expect(metres(wgs84, here!)).toBeGreaterThan(300);
    expect(metres(wgs84, here!)).toBeLessThan(700);
  });

  it('in a mini-program asks for GCJ-02 and passes it through unchanged', async () => {
    const locate = await locateOn('alipay');
    getLocation.mockResolvedValue({ latitude: 28.6, longitude: 121.18 });
    expect(await locate()).toEqual({ lat: 28.6, lng: 121.18 });
    expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  });

  it('answers null when the position cannot be had, so the town picker shows', async () => {
    const locate = await locateOn('h5');
    getLocation.mockRejectedValue({ errMsg: 'getLocation:fail User denied Geolocation' });
    expect(await locate()).toBeNull();
  });
});
