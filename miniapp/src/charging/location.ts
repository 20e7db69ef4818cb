import Taro from '@tarojs/taro';
import { storage } from '../kit/storage';

export interface Point {
  lat: number;
  lng: number;
}

export interface Town extends Point {
  name: string;
}

/** Where a resident who gives no location starts: the three places with seeded sites. */
export const towns: readonly Town[] = [
  { name: '头陀镇', lat: 28.6306, lng: 121.1723 },
  { name: '腾蛟镇', lat: 27.7389, lng: 120.4676 },
  { name: '泾港花苑', lat: 30.7622, lng: 120.7302 },
];

/** Where the list is measured from: my position, or a town I picked. */
export type Origin = ({ kind: 'here' } & Point) | ({ kind: 'town' } & Town);

const KEY = 'warmcity.charging.town';

/** The town picked last time, so a resident who refused location is not asked again. */
export function savedTown(): Town | null {
  const name = storage.get(KEY);
  return towns.find((town) => town.name === name) ?? null;
}

export const saveTown = (town: Town) => storage.set(KEY, town.name);

// A browser's permission prompt can stay open for ever; past this the town picker is the answer.
const GIVE_UP_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('location timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** WeChat's own privacy prompt (the platform's unified one, since no custom listener is
 * registered): resolves when the resident has agreed to the privacy guide, now or before. */
function privacyAgreed(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.requirePrivacyAuthorize !== 'function')
    return Promise.resolve(true);
  return new Promise((resolve) =>
    Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) }),
  );
}

/**
 * My position, or null when it cannot be had: privacy guide refused, location permission
 * refused, no geolocation (a desktop browser), or no answer in time. Mini-programs answer in
 * GCJ-02, the datum of their Map component and of the sites' coordinates; a browser only has
 * WGS84, a few hundred metres off in China, which does not change which site is nearest.
 */
export async function locate(): Promise<Point | null> {
  if (!(await privacyAgreed())) return null;
  try {
    const h5 = process.env.TARO_ENV === 'h5';
    const at = await withTimeout(
      Taro.getLocation({ type: h5 ? 'wgs84' : 'gcj02', highAccuracyExpireTime: GIVE_UP_MS }),
      GIVE_UP_MS,
    );
    return { lat: at.latitude, lng: at.longitude };
  } catch {
    return null;
  }
}
