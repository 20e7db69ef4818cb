import type { Connection } from 'mongoose';
import type { SeatModels } from '../../platform/seats/journal';
import { createSeats, type SeatOptions } from '../../platform/seats/seats';
import { Bookings, type Booking } from './booking.model';
import { Sessions } from './session.model';

/** Sessions are the seat pools and bookings the seats. */
export function sessionSeatModels(connection: Connection): SeatModels {
  return {
    pools: Sessions(connection) as unknown as SeatModels['pools'],
    seats: Bookings(connection) as unknown as SeatModels['seats'],
  };
}

export function sessionSeats(connection: Connection, options?: SeatOptions) {
  return createSeats<Booking>(sessionSeatModels(connection), options);
}
