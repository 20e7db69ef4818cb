import { Types, type Connection } from 'mongoose';
import type { Config } from '../../config';
import { dataProtection } from '../../platform/personal-data/protection';
import { emptyPoolCounters } from '../../platform/seats/fields';
import { Campaigns } from './campaign.model';
import { Cemeteries } from './cemetery.model';
import { DeathNotices } from './death-notice.model';
import { sealNotice, type NoticeFacts } from './death-notice.seal';
import { Memorials, type Plot, type Visibility } from './memorial.model';
import { nameGrams } from './name-grams';
import { ServicePackages, type ServicePackage } from './service-package.model';
import { VisitSlots } from './visit-slot.model';

/**
 * Upserts for the demo seed and the benchmark, keyed by fixed ids (and, for memorials, a fixed
 * QR code), so running them again changes nothing. Seeded memorials are approved: the cemetery
 * itself puts them up.
 */

export const upsertCemetery = (connection: Connection, cemetery: { _id: string; name: string; address: string }) =>
  Cemeteries(connection).updateOne(
    { _id: new Types.ObjectId(cemetery._id) },
    { $set: { name: cemetery.name, address: cemetery.address } },
    { upsert: true },
  );

export interface MemorialSeed {
  _id: string;
  cemeteryId: string;
  code: string;
  visibility: Visibility;
  name: string;
  birthDate: string;
  deathDate: string;
  biography: string;
  plot: Plot;
  ownerId?: string;
}

export const upsertMemorial = (connection: Connection, memorial: MemorialSeed) =>
  Memorials(connection).updateOne(
    { _id: new Types.ObjectId(memorial._id) },
    {
      $set: {
        cemeteryId: new Types.ObjectId(memorial.cemeteryId),
        ownerId: memorial.ownerId ? new Types.ObjectId(memorial.ownerId) : null,
        code: memorial.code,
        status: 'approved',
        visibility: memorial.visibility,
        name: memorial.name,
        nameGrams: nameGrams(memorial.name),
        birthDate: memorial.birthDate,
        deathDate: memorial.deathDate,
        portraitUrl: null,
        biography: memorial.biography,
        plot: memorial.plot,
        relation: memorial.ownerId ? '家属' : '陵园',
        certificateNumber: `SEED-${memorial.code}`,
      },
      $setOnInsert: { createdAt: new Date() },
    },
    { upsert: true },
  );

export const upsertCampaign = (
  connection: Connection,
  campaign: { _id: string; cemeteryId: string; name: string; startsAt: Date; endsAt: Date },
) =>
  Campaigns(connection).updateOne(
    { _id: new Types.ObjectId(campaign._id) },
    {
      $set: {
        cemeteryId: new Types.ObjectId(campaign.cemeteryId),
        name: campaign.name,
        startsAt: campaign.startsAt,
        endsAt: campaign.endsAt,
      },
    },
    { upsert: true },
  );

/** A slot's times and capacity are set; its counters are left alone, so a re-seed keeps bookings. */
export const upsertVisitSlot = (
  connection: Connection,
  slot: { _id: string; cemeteryId: string; startsAt: Date; endsAt: Date; capacity: number },
) =>
  VisitSlots(connection).updateOne(
    { _id: new Types.ObjectId(slot._id) },
    {
      $set: {
        cemeteryId: new Types.ObjectId(slot.cemeteryId),
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        capacity: slot.capacity,
        waitlist: 'none',
      },
      $setOnInsert: { ...emptyPoolCounters(), createdAt: new Date() },
    },
    { upsert: true },
  );

export const upsertServicePackage = (
  connection: Connection,
  pkg: Pick<ServicePackage, 'kind' | 'name' | 'description' | 'priceFen'> & { _id: string; cemeteryId: string },
) =>
  ServicePackages(connection).updateOne(
    { _id: new Types.ObjectId(pkg._id) },
    {
      $set: {
        cemeteryId: new Types.ObjectId(pkg.cemeteryId),
        kind: pkg.kind,
        name: pkg.name,
        description: pkg.description,
        priceFen: pkg.priceFen,
        active: true,
      },
    },
    { upsert: true },
  );

export type DeathNoticeSeed = Omit<NoticeFacts, 'cemetery' | 'reportedBy'> & {
  _id: string;
  cemeteryId: string;
  reportedBy: string;
};

/** A death notice as the family would have reported it; once inserted, it is the agency's to work. */
export async function upsertDeathNotice(connection: Connection, config: Config, seed: DeathNoticeSeed, now: Date) {
  const cemetery = await Cemeteries(connection).findById(seed.cemeteryId).lean();
  if (!cemetery) throw new Error(`seed death notice names an unknown cemetery ${seed.cemeteryId}`);
  const sealed = sealNotice(
    dataProtection(config),
    { ...seed, cemetery, reportedBy: new Types.ObjectId(seed.reportedBy) },
    now,
  );
  await DeathNotices(connection).updateOne(
    { _id: new Types.ObjectId(seed._id) },
    { $setOnInsert: sealed },
    { upsert: true },
  );
}
