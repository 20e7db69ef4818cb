import type { Types } from 'mongoose';
import type { EndReason } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import type { Charge } from './charge.model';

/** Why the equipment side ends what is on a port. */
export type PortEndReason = Extract<EndReason, 'unplugged' | 'fault' | 'offline' | 'out_of_service'>;

export interface PortEnd {
  /** When it ended: the device's timestamp of the event (never later than now). */
  at: Date;
  reason: PortEndReason;
  /** The session's final meter reading in Wh, when the device sent one. */
  energyWh?: number | null;
}

export type PortEndOutcome =
  { ended: 'session'; charge: Charge } | { ended: 'reservation'; charge: Charge } | { ended: null; charge: null };

/**
 * Ends whatever is on the port: a running session stops at `end.at` and is billed (minutes up to
 * then, exactly as a resident's stop is, and gets its order), a reservation is cancelled; either
 * way its holder is told. Nothing on the port is not an error. Safe to call twice or from two
 * instances: only one call ends it. Callers taking the port out of use set its capacity to 0
 * first (see port.model.ts).
 */
export async function endPortCharge(deps: Deps, portId: Types.ObjectId, end: PortEnd): Promise<PortEndOutcome> {
  void deps;
  void portId;
  void end;
  throw new Error('endPortCharge lands with the resident flows on charging-core');
}
