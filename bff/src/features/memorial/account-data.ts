import type { AccountDataHooks } from '../../platform/feature';
import { oid } from '../../platform/ids';
import { DeathNotices, OPEN_NOTICE_STATES } from './death-notice.model';
import { Memorials } from './memorial.model';
import { Invites, Relatives } from './relative.model';
import { ServiceOrders } from './service-order.model';
import { Tributes } from './tribute.model';
import { visitSeats } from './visit-seats';
import { Visits } from './visit.model';

/**
 * A deleted account's messages lose their words and author (the counts stay: they were real
 * tributes); its invitations and relative rows go; the memorials it created stay with the
 * cemetery, ownerless (their unapproved life-story drafts gone), because the grave outlives the
 * account. Its visits are cancelled (their places freed) and lose the companions' names. Its
 * unpaid service orders are given up; paid ones stay for the cemetery to finish or cancel (a
 * cancel refunds the original payment method), and every order loses its note. Its open death notices are closed (nobody is left to tell), and
 * every notice loses what identified the reporter or the deceased beyond the cemetery's record
 * (contact phone, note, the ID number's ciphertext and lookup key; the masked ID stays).
 */
export const memorialAccountData: AccountDataHooks = {
  async onAccountDeleted(accountId, deps) {
    const { connection } = deps;
    const id = oid(accountId);
    const active = await Visits(connection)
      .find({ holder: id, status: { $in: ['pending', 'confirmed'] } }, { _id: 1 })
      .lean();
    const seats = visitSeats(deps);
    for (const { _id } of active) await seats.release(_id);
    await Visits(connection).updateMany({ holder: id }, { $set: { companions: [] } });
    await Tributes(connection).updateMany(
      { authorId: id, kind: 'message' },
      { $set: { text: null, status: 'hidden', authorId: null } },
    );
    await Tributes(connection).updateMany({ authorId: id }, { $set: { authorId: null } });
    await ServiceOrders(connection).updateMany(
      { placedBy: id, state: 'awaiting_payment' },
      {
        $set: { state: 'cancelled', cancelReason: '账户已注销' },
        $push: { timeline: { state: 'cancelled', at: deps.clock.now() } },
      },
    );
    await ServiceOrders(connection).updateMany({ placedBy: id }, { $set: { note: '' } });
    await DeathNotices(connection).updateMany(
      { reportedBy: id, state: { $in: OPEN_NOTICE_STATES } },
      {
        $set: { state: 'cancelled' },
        $push: { timeline: { state: 'cancelled', at: deps.clock.now(), note: '报丧人账户已注销', by: 'reporter' } },
      },
    );
    await DeathNotices(connection).updateMany(
      { reportedBy: id },
      { $set: { phoneCipher: '', maskedPhone: '', note: '', idNumberCipher: '', idLookupKey: '' } },
    );
    await Relatives(connection).deleteMany({ accountId: id });
    await Invites(connection).deleteMany({ ownerId: id });
    await Memorials(connection).updateMany({ ownerId: id }, { $set: { ownerId: null, storyDraft: null } });
  },
  async exportData(accountId, { connection }) {
    const id = oid(accountId);
    const [memorials, relativeOf, tributes, visits, serviceOrders, deathNotices] = await Promise.all([
      Memorials(connection).find({ ownerId: id }, { nameGrams: 0 }).lean(),
      Relatives(connection).find({ accountId: id }).lean(),
      Tributes(connection).find({ authorId: id }, { targets: 0, shard: 0, leaseUntil: 0 }).lean(),
      Visits(connection)
        .find({ holder: id }, { pool: 1, slotStartsAt: 1, places: 1, companions: 1, status: 1, checkedInAt: 1 })
        .lean(),
      ServiceOrders(connection).find({ placedBy: id }, { refundIds: 0 }).lean(),
      // Masked forms only: an export is a file that travels.
      DeathNotices(connection).find({ reportedBy: id }, { idNumberCipher: 0, idLookupKey: 0, phoneCipher: 0 }).lean(),
    ]);
    return { memorials, relativeOf, tributes, visits, serviceOrders, deathNotices };
  },
};
