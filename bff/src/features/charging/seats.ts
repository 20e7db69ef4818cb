import type { Deps } from '../../platform/deps';
import type { SeatModels } from '../../platform/seats/journal';
import { createSeats } from '../../platform/seats/seats';
import { Charges, type Charge } from './charge.model';
import { ChargingPorts, type ChargingPort } from './port.model';

/** Ports are the seat pools (of one, without a waitlist) and charges the seats. */
export function portSeatModels(connection: Deps['connection']): SeatModels<ChargingPort, Charge> {
  return { pools: ChargingPorts(connection), seats: Charges(connection) };
}

export function portSeats(deps: Pick<Deps, 'connection' | 'clock'>) {
  return createSeats(portSeatModels(deps.connection), { clock: deps.clock });
}
