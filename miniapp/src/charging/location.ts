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
 * A browser's position (WGS84 only) shifted onto GCJ-02. Defined in a constant condition outside
 * any async function (whose regenerator would hide the branch) so the mini-program builds drop
 * it, gcoord included: they get GCJ-02 from the platform.
 */
const browserPosition =
  process.env.TARO_ENV === 'h5'
    ? (): Promise<Point> =>
        Promise.all([
          withTimeout(Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: GIVE_UP_MS }), GIVE_UP_MS),
          import('gcoord'),
        ]).then(([at, { default: gcoord }]) => {
          const [lng, lat] = gcoord.transform([at.longitude, at.latitude], gcoord.WGS84, gcoord.GCJ02);
          return { lat, lng };
        })
    : null;

/**
 * My position in GCJ-02, or null when it cannot be had: privacy guide refused, location
 * permission refused, no geolocation (a desktop browser), or no answer in time. Sites are kept in
 * GCJ-02, the datum of the mini-programs' Map component and of their getLocation; a browser only
 * has WGS84, 300–600 m off around 台州, enough to put the wrong one of two nearby sites first, so
 * it is shifted onto GCJ-02 before measuring.
 */
export async function locate(): Promise<Point | null> {
  if (!(await privacyAgreed())) return null;
  try {
    if (browserPosition) return await browserPosition();
    const at = await withTimeout(Taro.getLocation({ type: 'gcj02', highAccuracyExpireTime: GIVE_UP_MS }), GIVE_UP_MS);
    return { lat: at.latitude, lng: at.longitude };
  } catch {
    return null;
  }
}

/** A coordinate as the contract's query takes it: a plain decimal, at most 12 places. */
export const coordinate = (value: number) => value.toFixed(6);
