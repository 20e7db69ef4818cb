import { ACTIVE_SEAT_STATUSES } from '../../platform/seats/fields';
import type { AccountDataHooks } from '../../platform/feature';
import { oid } from '../../platform/ids';
import { Uploads } from '../../platform/uploads/upload.model';
import { Charges } from './charge.model';
import { ChargingReports } from './report.model';
import { portSeats } from './seats';

/** Kept in place of a deleted reporter's own words; the place stays so staff can still act. */
const ERASED = '（账号已注销）';

/** A deleted account's port is freed at once (a running session ends unbilled: there is nobody
 * left to pay); its reports keep only what staff need to fix the place. */
export const chargingAccountData: AccountDataHooks = {
  async onAccountDeleted(accountId, deps) {
    const holder = oid(accountId);
    const now = deps.clock.now();
    const active = await Charges(deps.connection)
      .find({ holder, status: { $in: ACTIVE_SEAT_STATUSES } }, { _id: 1 })
      .lean();
    const seats = portSeats(deps);
    for (const { _id } of active) {
      await seats.release(_id, { endedAt: now, endReason: 'account_deleted', stopsBy: null });
    }
    await ChargingReports(deps.connection).updateMany(
      { reporter: holder },
      { $set: { description: ERASED, location: null, photoIds: [] } },
    );
    // Attached uploads outlive the account unless the feature removes them (uploads README); the
    // reporter's photos go, a staff member's answer photo on the same report stays.
    await Uploads(deps.connection).deleteMany({ owner: holder, 'attachedTo.feature': 'charging' });
  },

  async exportData(accountId, deps) {
    const holder = oid(accountId);
    const [charges, reports] = await Promise.all([
      Charges(deps.connection).find({ holder }).sort({ createdAt: -1 }).lean(),
      ChargingReports(deps.connection).find({ reporter: holder }).sort({ createdAt: -1 }).lean(),
    ]);
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return {
      charges: charges.map((c) => ({
        id: c._id.toHexString(),
        siteId: c.siteId.toHexString(),
        portId: c.pool.toHexString(),
        status: c.status,
        reservedAt: iso(c.reservedAt),
        startedAt: iso(c.startedAt),
        endedAt: iso(c.endedAt),
        endReason: c.endReason,
        minutes: c.minutes,
        energyWh: c.energyWh,
        costFen: c.costFen,
        paidAt: iso(c.paidAt),
      })),
      reports: reports.map((r) => ({
        id: r._id.toHexString(),
        siteId: r.siteId.toHexString(),
        kind: r.kind,
        place: r.place,
        description: r.description,
        location: r.location ? { lng: r.location.coordinates[0], lat: r.location.coordinates[1] } : null,
        photoIds: r.photoIds.map((id) => id.toHexString()),
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        resolvedAt: iso(r.resolvedAt),
        answer: r.answer?.note ?? null,
      })),
    };
  },
};
