import type { Deps } from '../../platform/deps';
import type { SeatModels } from '../../platform/seats/journal';
import { createSeats, type SeatOptions } from '../../platform/seats/seats';
import { Bookings, type Booking } from './booking.model';
import { promotionNotices } from './notices';
import { Sessions, type ClassSession } from './session.model';

/** Sessions are the seat pools and bookings the seats. */
export function sessionSeatModels(connection: Deps['connection']): SeatModels<ClassSession, Booking> {
  return { pools: Sessions(connection), seats: Bookings(connection) };
}

/** Every promotion, also one finished by repair, tells the promoted resident. */
export function sessionSeats(deps: Pick<Deps, 'connection' | 'clock'>, options?: Omit<SeatOptions, 'clock'>) {
  return createSeats(sessionSeatModels(deps.connection), {
    onPromoted: promotionNotices(deps),
    ...options,
    clock: deps.clock,
  });
}
