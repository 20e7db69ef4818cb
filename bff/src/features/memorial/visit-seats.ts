import type { Deps } from '../../platform/deps';
import type { SeatModels } from '../../platform/seats/journal';
import { createSeats } from '../../platform/seats/seats';
import { Visits, type Visit } from './visit.model';
import { VisitSlots, type VisitSlot } from './visit-slot.model';

/** Slots are the seat pools and visits the seats; nothing waits, so nobody is ever promoted. */
export function visitSeatModels(connection: Deps['connection']): SeatModels<VisitSlot, Visit> {
  return { pools: VisitSlots(connection), seats: Visits(connection) };
}

export const visitSeats = (deps: Pick<Deps, 'connection' | 'clock'>) =>
  createSeats(visitSeatModels(deps.connection), { clock: deps.clock });
