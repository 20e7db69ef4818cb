import type { z } from 'zod';
import type {
  staffVisitView as staffVisitSchema,
  visitSlotView as visitSlotSchema,
  visitView as visitSchema,
} from '@warmcity/shared/api/memorial';
import { maskName } from '@warmcity/shared/personal-data/masking';
import type { Visit } from './visit.model';
import type { VisitSlot } from './visit-slot.model';

type SlotCounters = Pick<VisitSlot, '_id' | 'cemeteryId' | 'startsAt' | 'endsAt' | 'capacity' | 'booked'>;

export const visitSlotView = (slot: SlotCounters): z.infer<typeof visitSlotSchema> => ({
  id: slot._id.toHexString(),
  cemeteryId: slot.cemeteryId.toHexString(),
  startsAt: slot.startsAt.toISOString(),
  endsAt: slot.endsAt.toISOString(),
  capacity: slot.capacity,
  booked: slot.booked,
  placesLeft: Math.max(0, slot.capacity - slot.booked),
});

/** Statuses anyone is shown; `pending` and `abandoned` are a booking still or never under way. */
export const SHOWN_VISIT_STATUSES: Visit['status'][] = ['confirmed', 'cancelled', 'expired'];

/** A visit as it is shown: confirmed, or cancelled (a booking that never got its places is
 * never shown, since its owner was told it failed). */
const shownStatus = (visit: Visit) => (visit.status === 'confirmed' ? 'confirmed' : 'cancelled');

export const visitViewOf = (visit: Visit, slot: SlotCounters): z.infer<typeof visitSchema> => ({
  id: visit._id.toHexString(),
  slot: visitSlotView(slot),
  places: visit.places,
  companions: visit.companions,
  entryCode: visit.entryCode,
  status: shownStatus(visit),
  checkedInAt: visit.checkedInAt?.toISOString() ?? null,
});

export const staffVisitViewOf = (visit: Visit): z.infer<typeof staffVisitSchema> => ({
  id: visit._id.toHexString(),
  slotId: visit.pool.toHexString(),
  slotStartsAt: visit.slotStartsAt.toISOString(),
  places: visit.places,
  companions: visit.companions.map(maskName),
  entryCode: visit.entryCode,
  status: shownStatus(visit),
  checkedInAt: visit.checkedInAt?.toISOString() ?? null,
});
