import { Types, type Connection } from 'mongoose';
import type { Point } from '@warmcity/shared/api/charging';
import type { Config } from '../../config';
import { dataProtection } from '../../platform/personal-data/protection';
import { ChargingPorts, DEVICE_SECRET_CONTEXT } from './port.model';
import { ChargingSites, type ChargingSite } from './site.model';

/**
 * Upserts for the demo seed, the benchmark and tests, keyed by fixed ids so running them again
 * changes nothing. A port is only ever inserted: an existing one keeps its counter and charges.
 */

export interface SiteSeed extends Omit<ChargingSite, '_id' | 'location' | 'createdAt' | 'updatedAt'> {
  _id: string;
  location: Point;
}

export async function upsertSite(connection: Connection, seed: SiteSeed, now: Date): Promise<void> {
  const { _id, location, ...rest } = seed;
  await ChargingSites(connection).updateOne(
    { _id: new Types.ObjectId(_id) },
    {
      $set: { ...rest, location: { type: 'Point', coordinates: [location.lng, location.lat] }, updatedAt: now },
      $setOnInsert: { createdAt: now },
    },
    { upsert: true },
  );
}

export interface PortSeed {
  _id: string;
  siteId: string;
  code: string;
  label: string;
  sort: number;
  deviceId: string;
  /** The device's HMAC key in clear; stored sealed. */
  deviceSecret: string;
}

/** Inserts the ports that do not exist yet (one usable place each); returns how many were new. */
export async function ensurePorts(
  connection: Connection,
  config: Pick<Config, 'DATA_KEY' | 'DATA_KEY_ID' | 'DATA_KEYS_RETIRED'>,
  seeds: readonly PortSeed[],
  now: Date,
): Promise<number> {
  if (seeds.length === 0) return 0;
  const protection = dataProtection(config);
  const result = await ChargingPorts(connection).bulkWrite(
    seeds.map((seed) => ({
      updateOne: {
        filter: { _id: new Types.ObjectId(seed._id) },
        update: {
          $setOnInsert: {
            siteId: new Types.ObjectId(seed.siteId),
            code: seed.code,
            label: seed.label,
            sort: seed.sort,
            deviceId: seed.deviceId,
            deviceSecret: protection.encrypt(seed.deviceSecret, DEVICE_SECRET_CONTEXT),
            capacity: 1,
            waitlist: 'none',
            createdAt: now,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return result.upsertedCount;
}

/** The seat-repair sweeper, for fault drills that run its tick on a clock of their own. */
export { chargingSeatRepair } from './sweepers';
