import mongoose, { type Connection } from 'mongoose';
import { chargingSeatRepair } from '@warmcity/bff/charging/tasks';
import { sessionSeatRepair } from '@warmcity/bff/parent-school/tasks';
import type { openTaskDeps } from '@warmcity/bff/accounts/tasks';
import { acknowledged, type Call, type World } from './load';

const { ObjectId } = mongoose.Types;
// Beyond the seats' REPAIR_AFTER_MS (5 min), so every entry a killed request left counts as stale.
const REPAIR_CLOCK_AHEAD_MS = 30 * 60_000;

/** The two seat-repair sweepers' ticks, as a BFF instance runs them, on a clock moved past the
 * repair's stale cut-off instead of waiting it out. */
export async function repairNow(deps: Awaited<ReturnType<typeof openTaskDeps>>): Promise<Record<string, number>> {
  const later = { ...deps, clock: { now: () => new Date(Date.now() + REPAIR_CLOCK_AHEAD_MS) } };
  const sessions = await sessionSeatRepair.tick(later);
  const ports = await chargingSeatRepair.tick(later);
  return { sessionPools: sessions.pools, portPools: ports.pools };
}

export interface Tally {
  readonly bookings: number;
  readonly confirmed: number;
  readonly waitlisted: number;
  readonly booked: number;
  readonly charges: number;
  readonly reserved: number;
  readonly idempotencyKeys: number;
}

/** What the database holds for the drill's session and site. */
export async function tally(connection: Connection, world: World): Promise<Tally> {
  const db = connection.db!;
  const pool = new ObjectId(world.sessionId);
  const bookings = db.collection('parent_school_bookings');
  const ports = await db
    .collection('charging_ports')
    .find({ siteId: new ObjectId(world.siteId) }, { projection: { _id: 1 } })
    .toArray();
  const charges = db.collection('charging_charges');
  const onPorts = { pool: { $in: ports.map((p) => p._id) } };
  const session = await db.collection('parent_school_sessions').findOne({ _id: pool });
  return {
    bookings: await bookings.countDocuments({ pool }),
    confirmed: await bookings.countDocuments({ pool, status: 'confirmed' }),
    waitlisted: await bookings.countDocuments({ pool, status: 'waitlisted' }),
    booked: (session?.booked as number) ?? 0,
    charges: await charges.countDocuments({ $or: [onPorts, { group: new ObjectId(world.siteId) }] }),
    reserved: await charges.countDocuments({ ...onPorts, status: 'confirmed' }),
    idempotencyKeys: await db.collection('idempotency_keys').countDocuments({}),
  };
}

/** Every way the stored state can disagree with what was acknowledged or with itself; empty
 * when the drill's invariants hold. */
export async function violations(connection: Connection, world: World, calls: readonly Call[]): Promise<string[]> {
  const db = connection.db!;
  const found: string[] = [];
  const missing = async (collection: string, ids: string[]) => {
    const present = await db.collection(collection).countDocuments({ _id: { $in: ids.map((id) => new ObjectId(id)) } });
    if (present !== ids.length) found.push(`${ids.length - present} acknowledged ${collection} missing`);
  };
  await missing('parent_school_bookings', acknowledged(calls, 'booking'));
  await missing('charging_charges', acknowledged(calls, 'charge'));

  const session = await db.collection('parent_school_sessions').findOne({ _id: new ObjectId(world.sessionId) });
  const confirmed = await db
    .collection('parent_school_bookings')
    .countDocuments({ pool: session!._id, status: 'confirmed' });
  if (session!.booked !== confirmed) found.push(`session counts ${session!.booked} booked, ${confirmed} confirmed`);
  if (confirmed > world.capacity) found.push(`session oversold: ${confirmed} > ${world.capacity}`);
  if (session!.journal.length > 0) found.push(`session journal holds ${session!.journal.length} entries`);

  const ports = await db
    .collection('charging_ports')
    .find({ siteId: new ObjectId(world.siteId) })
    .toArray();
  for (const port of ports) {
    const holding = await db.collection('charging_charges').countDocuments({ pool: port._id, status: 'confirmed' });
    if (holding > 1) found.push(`port ${port.code}: ${holding} overlapping reservations`);
    if (port.booked !== holding) found.push(`port ${port.code} counts ${port.booked}, holds ${holding}`);
    if (port.journal.length > 0) found.push(`port ${port.code} journal holds ${port.journal.length} entries`);
  }
  return found;
}
