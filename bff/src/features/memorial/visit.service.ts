import { ENTRY_CODE_LENGTH, type memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { SeatError } from '../../platform/seats/seats';
import type { SessionUser } from '../../platform/session';
import { randomCode } from './codes';
import { visitSeats } from './visit-seats';
import { Visits } from './visit.model';
import { VisitSlots } from './visit-slot.model';
import { SHOWN_VISIT_STATUSES, visitSlotView, visitViewOf } from './visit-views';

type Api = typeof memorialApi;

const MY_VISITS = 50;

export async function listVisitSlots(deps: Deps, cemeteryId: string) {
  const slots = await VisitSlots(deps.connection)
    .find({ cemeteryId: oid(cemeteryId), endsAt: { $gt: deps.clock.now() } }, { journal: 0 })
    .sort({ startsAt: 1, _id: 1 })
    .limit(200)
    .lean();
  return { items: slots.map(visitSlotView) };
}

/**
 * One seat of 1 + companions places, taken in one conditioned update, so a party comes in whole
 * or not at all and the slot never holds more persons than its capacity.
 */
export async function bookVisit(deps: Deps, user: SessionUser, slotId: string, body: Body<Api['bookVisit']>) {
  const holder = accountIdOf(user);
  const slot = await VisitSlots(deps.connection).findById(oid(slotId)).lean();
  if (!slot) throw problem('NOT_FOUND');
  if (slot.startsAt <= deps.clock.now()) throw problem('VISIT_SLOT_STARTED');
  try {
    const { seat, pool } = await visitSeats(deps).take(
      slot._id,
      holder,
      {
        places: 1 + body.companions.length,
        fields: () => ({
          cemeteryId: slot.cemeteryId,
          slotStartsAt: slot.startsAt,
          companions: body.companions,
          entryCode: randomCode(ENTRY_CODE_LENGTH),
        }),
      },
      slot,
    );
    return visitViewOf(seat, { ...slot, ...pool });
  } catch (error) {
    if (!(error instanceof SeatError)) throw error;
    if (error.reason === 'full' || error.reason === 'closed') throw problem('VISIT_SLOT_FULL');
    if (error.reason === 'already_held') throw problem('VISIT_ALREADY_BOOKED');
    throw problem('DATABASE_UNAVAILABLE', 'The booking did not finish in time; please retry.');
  }
}

export async function listMyVisits(deps: Deps, user: SessionUser) {
  const visits = await Visits(deps.connection)
    .find({ holder: accountIdOf(user), status: { $in: SHOWN_VISIT_STATUSES } })
    .sort({ slotStartsAt: -1, _id: -1 })
    .limit(MY_VISITS)
    .lean();
  const slots = await VisitSlots(deps.connection)
    .find({ _id: { $in: visits.map((visit) => visit.pool) } }, { journal: 0 })
    .lean();
  const byId = new Map(slots.map((slot) => [slot._id.toHexString(), slot]));
  return {
    items: visits.flatMap((visit) => {
      const slot = byId.get(visit.pool.toHexString());
      return slot ? [visitViewOf(visit, slot)] : [];
    }),
  };
}

/** The caller's own visit; anyone else's answers exactly like a missing one. */
export async function cancelVisit(deps: Deps, user: SessionUser, id: string) {
  const visit = await Visits(deps.connection)
    .findOne({ _id: oid(id), holder: accountIdOf(user), status: { $in: SHOWN_VISIT_STATUSES } })
    .lean();
  if (!visit) throw problem('NOT_FOUND');
  const slot = await VisitSlots(deps.connection).findById(visit.pool).lean();
  if (!slot) throw problem('NOT_FOUND');
  if (visit.status !== 'confirmed') return visitViewOf(visit, slot);
  if (visit.checkedInAt) throw problem('ALREADY_CHECKED_IN');
  if (slot.startsAt <= deps.clock.now()) throw problem('VISIT_SLOT_STARTED');
  const seats = visitSeats(deps);
  await seats.repairIfStale(slot);
  // A check-in at the gate racing this cancel: exactly one of them wins.
  const released = await seats.release(visit._id, {}, { checkedInAt: null });
  if (!released) throw problem('NOT_FOUND');
  if (released.checkedInAt) throw problem('ALREADY_CHECKED_IN');
  const after = await VisitSlots(deps.connection).findById(slot._id, { journal: 0 }).lean();
  return visitViewOf(released, after ?? slot);
}
