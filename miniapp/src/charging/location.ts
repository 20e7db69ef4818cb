import Taro from '@tarojs/taro';
import type { OperationResponse, api } from '@warmcity/shared';
import { storage } from '../kit/storage';

export interface Point {
  lat: number;
  lng: number;
}

export type Town = OperationResponse<typeof api.charging.listTowns>['items'][number];

/** Where the list is measured from: my position, or the centre of a town I picked. */
export type Origin = ({ kind: 'here' } & Point) | ({ kind: 'town'; name: string; code: string } & Point);

const KEY = 'warmcity.charging.town';

/** The town picked last time, so a resident who refused location is not asked again. */
export function savedTown(): Origin | null {
  const saved = storage.get(KEY) as { code?: unknown; name?: unknown; lat?: unknown; lng?: unknown } | undefined;
  if (!saved || typeof saved.code !== 'string' || typeof saved.name !== 'string') return null;
  if (typeof saved.lat !== 'number' || typeof saved.lng !== 'number') return null;
  return { kind: 'town', code: saved.code, name: saved.name, lat: saved.lat, lng: saved.lng };
}

export function townOrigin(town: Town): Origin {
  const origin = { kind: 'town', code: town.code, name: town.name, ...town.center } as const;
  storage.set(KEY, { code: origin.code, name: origin.name, lat: origin.lat, lng: origin.lng });
  return origin;
}

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
 * registered): resolves true when the resident has agreed to the privacy guide, now or before. */
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
 * GCJ-02, the datum of their Map component; a browser only has WGS84, a few hundred metres off
 * in China, which does not change which site is nearest.
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

/** A coordinate as the contract's query takes it: a plain decimal, at most 12 places. */
export const coordinate = (value: number) => value.toFixed(6);
