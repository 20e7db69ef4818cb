import type { Types } from 'mongoose';
import type { EndReason } from '@warmcity/shared/api/charging';
import type { Deps } from '../../platform/deps';
import { finishSession } from './billing';
import { Charges, type Charge } from './charge.model';
import { cancelReminder, tellCancelled } from './notices';
import { portSeats } from './seats';

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
  const charge = await Charges(deps.connection).findOne({ pool: portId, status: 'confirmed' }).lean<Charge>();
  if (!charge) return { ended: null, charge: null };
  if (charge.startedAt) return { ended: 'session', charge: await finishSession(deps, charge, end) };
  // Told first, guarded on the cancel with this reason, so a crash in between tells nobody wrongly.
  await tellCancelled(deps, charge, end.reason);
  await cancelReminder(deps, charge._id);
  const cancelled = await portSeats(deps).release(charge._id, { endedAt: end.at, endReason: end.reason });
  return { ended: 'reservation', charge: cancelled ?? charge };
}
