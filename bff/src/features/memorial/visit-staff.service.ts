import { Types } from 'mongoose';
import type { memorialApi } from '@warmcity/shared/api/memorial';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Cemeteries } from './cemetery.model';
import { visitSeats } from './visit-seats';
import { Visits, type Visit } from './visit.model';
import { VisitSlots, type VisitSlot } from './visit-slot.model';
import { SHOWN_VISIT_STATUSES, staffVisitViewOf, visitSlotView } from './visit-views';

type Api = typeof memorialApi;

/** Staff of another cemetery get the 404 a missing cemetery gets. */
async function ownCemetery(deps: Deps, user: SessionUser, id: string) {
  requireStaff(user);
  requireScope(user, 'cemetery', id);
  const cemeteryId = oid(id);
  if (!(await Cemeteries(deps.connection).exists({ _id: cemeteryId }))) throw problem('NOT_FOUND');
  return cemeteryId;
}

export async function publishVisitSlot(
  deps: Deps,
  user: SessionUser,
  cemeteryId: string,
  body: Body<Api['publishVisitSlot']>,
) {
  const cemetery = await ownCemetery(deps, user, cemeteryId);
  const now = deps.clock.now();
  const startsAt = new Date(body.startsAt);
  if (startsAt <= now) throw problem('VISIT_SLOT_STARTED');
  const slot = await VisitSlots(deps.connection).create({
    _id: new Types.ObjectId(),
    cemeteryId: cemetery,
    startsAt,
    endsAt: new Date(body.endsAt),
    capacity: body.capacity,
    waitlist: 'none',
    createdAt: now,
  } satisfies Partial<VisitSlot>);
  return visitSlotView(slot);
}

export async function listSlotVisits(deps: Deps, user: SessionUser, slotId: string) {
  requireStaff(user);
  const slot = await VisitSlots(deps.connection).findById(oid(slotId)).lean();
  if (!slot) throw problem('NOT_FOUND');
  requireScope(user, 'cemetery', slot.cemeteryId);
  // The roster is read as the truth, so a pool a dead request left behind is healed first.
  await visitSeats(deps).repairIfStale(slot);
  const visits = await Visits(deps.connection)
    .find({ pool: slot._id, status: 'confirmed' })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  return { slot: visitSlotView(slot), items: visits.map(staffVisitViewOf) };
}

function refuse(visit: Visit): never {
  if (visit.checkedInAt) throw problem('ALREADY_CHECKED_IN', `Checked in at ${visit.checkedInAt.toISOString()}.`);
  throw problem('BOOKING_CANCELLED');
}

/** One conditional update, so a second or concurrent check-in of the same code changes nothing
 * and is told "already checked in". A code of another cemetery is unknown here. */
export async function checkInVisit(deps: Deps, user: SessionUser, cemeteryId: string, body: Body<Api['checkInVisit']>) {
  const cemetery = await ownCemetery(deps, user, cemeteryId);
  const visit = await Visits(deps.connection)
    .findOne({ entryCode: body.entryCode, cemeteryId: cemetery, status: { $in: SHOWN_VISIT_STATUSES } })
    .lean();
  if (!visit) throw problem('NOT_FOUND');
  if (visit.status !== 'confirmed' || visit.checkedInAt) refuse(visit);
  const checkedIn = await Visits(deps.connection)
    .findOneAndUpdate(
      { _id: visit._id, status: 'confirmed', checkedInAt: null },
      { $set: { checkedInAt: deps.clock.now(), checkedInBy: accountIdOf(user) } },
      { returnDocument: 'after' },
    )
    .lean();
  if (!checkedIn) refuse((await Visits(deps.connection).findById(visit._id).lean()) ?? visit);
  return staffVisitViewOf(checkedIn);
}
