import type { AccountDataHooks } from '../../platform/feature';
import { oid } from '../../platform/ids';
import { Bookings } from './booking.model';
import { sessionSeats } from './seats';
import { Subscriptions } from './subscription.model';

/** A deleted account's places go to the people waiting; its subscriptions stop. */
export const parentSchoolAccountData: AccountDataHooks = {
  async onAccountDeleted(accountId, deps) {
    const holder = oid(accountId);
    const active = await Bookings(deps.connection)
      .find({ holder, status: { $in: ['pending', 'confirmed', 'waitlisted'] } }, { _id: 1 })
      .lean();
    const seats = sessionSeats(deps.connection);
    for (const { _id } of active) await seats.release(_id, { cancelReason: 'account_deleted' });
    await Subscriptions(deps.connection).deleteMany({ holder });
  },

  async exportData(accountId, deps) {
    const holder = oid(accountId);
    const [bookings, subscriptions] = await Promise.all([
      Bookings(deps.connection)
        .find({ holder }, { pool: 1, status: 1, createdAt: 1, checkedInAt: 1, cancelledAt: 1 })
        .lean(),
      Subscriptions(deps.connection).find({ holder }, { target: 1, targetId: 1, createdAt: 1 }).lean(),
    ]);
    return {
      bookings: bookings.map((b) => ({
        id: b._id.toHexString(),
        sessionId: b.pool.toHexString(),
        status: b.status,
        createdAt: b.createdAt.toISOString(),
        checkedInAt: b.checkedInAt?.toISOString() ?? null,
        cancelledAt: b.cancelledAt?.toISOString() ?? null,
      })),
      subscriptions: subscriptions.map((s) => ({
        target: s.target,
        targetId: s.targetId.toHexString(),
        createdAt: s.createdAt.toISOString(),
      })),
    };
  },
};
