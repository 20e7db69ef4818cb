import { Types, type QueryFilter } from 'mongoose';
import type { chargingResidentApi } from '@warmcity/shared/api/charging';
import { afterCursor, encodeCursor } from '../../platform/cursor';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body, Query } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { ACTIVE_SEAT_STATUSES } from '../../platform/seats/fields';
import { SeatError } from '../../platform/seats/seats';
import type { SessionUser } from '../../platform/session';
import { finishSession } from './billing';
import { Charges, type Charge } from './charge.model';
import { isOpenAt } from './china-time';
import { cancelReminder, scheduleReminder } from './notices';
import { ChargingPorts, type ChargingPort } from './port.model';
import { chargeView, chargeViews } from './refs';
import { portSeats } from './seats';
import { ChargingSites, type ChargingSite } from './site.model';

type Api = typeof chargingResidentApi;

/** A pending seat exists only inside one request, an abandoned one never held anything. */
const SHOWN = ['confirmed', 'cancelled', 'expired'] as const;

/** The port is usable as far as the port itself says; its capacity says the same (0 when not). */
const outOfOrder = (port: ChargingPort) =>
  port.outOfService || port.offline || port.connectorStatus === 'Faulted' || port.capacity < 1;

async function ownCharge(deps: Deps, user: SessionUser, id: string): Promise<Charge> {
  const charge = await Charges(deps.connection)
    .findOne({ _id: oid(id), holder: accountIdOf(user), status: { $in: SHOWN } })
    .lean<Charge>();
  if (!charge) throw problem('NOT_FOUND');
  return charge;
}

const activeOf = (deps: Deps, holder: Types.ObjectId) =>
  Charges(deps.connection)
    .findOne({ holder, status: { $in: ACTIVE_SEAT_STATUSES } })
    .lean<Charge>();

function refuseClosed(site: ChargingSite, now: Date): void {
  if (!isOpenAt(site.hours, now))
    throw problem('SITE_CLOSED', `Open ${site.hours.opens}–${site.hours.closes} (China time).`);
}

/** What a new charge copies from its site: the price and limits in force when it was made. */
const termsOf = (site: ChargingSite) => ({
  siteId: site._id,
  pricePerMinuteFen: site.pricePerMinuteFen,
  maxMinutes: site.maxMinutes,
});

function seatProblem(error: unknown, full: 'PORT_TAKEN' | 'NO_FREE_PORT'): never {
  if (!(error instanceof SeatError)) throw error;
  if (error.reason === 'already_held') throw problem('ACTIVE_CHARGE_EXISTS');
  if (error.reason === 'full' || error.reason === 'closed') throw problem(full);
  throw problem('DATABASE_UNAVAILABLE', 'The reservation did not finish in time; please retry.');
}

export async function reserve(deps: Deps, user: SessionUser, body: Body<Api['reserve']>) {
  const holder = accountIdOf(user);
  const now = deps.clock.now();
  const site = await ChargingSites(deps.connection).findById(oid(body.siteId)).lean();
  if (!site) throw problem('NOT_FOUND');
  const port = body.portId
    ? await ChargingPorts(deps.connection)
        .findOne({ _id: oid(body.portId), siteId: site._id })
        .lean<ChargingPort>()
    : null;
  if (body.portId && !port) throw problem('NOT_FOUND');
  refuseClosed(site, now);
  if (port && outOfOrder(port)) throw problem('PORT_OUT_OF_ORDER');
  if (port && port.booked >= port.capacity) throw problem('PORT_TAKEN');
  const free = port
    ? [port._id]
    : (
        await ChargingPorts(deps.connection)
          .find({ siteId: site._id, $expr: { $lt: ['$booked', '$capacity'] } }, { _id: 1 })
          .lean()
      ).map((p) => p._id);
  if (free.length === 0) throw problem('NO_FREE_PORT');
  if (await activeOf(deps, holder)) throw problem('ACTIVE_CHARGE_EXISTS');

  const chargeId = new Types.ObjectId();
  const expiresAt = new Date(now.getTime() + site.graceMinutes * 60_000);
  const fields = () => ({ ...termsOf(site), reservedAt: now });
  const seats = portSeats(deps);
  // The reminder first, guarded on the reservation: a request that dies before the seat exists
  // leaves a reminder that never stands. It names the port once the seat knows which.
  await scheduleReminder(deps, chargeId, holder, { siteName: site.name, portLabel: port?.label ?? '' }, expiresAt);
  try {
    const seat = port
      ? (await seats.hold(port._id, holder, { id: chargeId, fields, expiresAt })).seat
      : (await seats.takeAny(free, holder, { id: chargeId, fields, group: site._id, expiresAt })).seat;
    return await chargeView(deps, seat);
  } catch (error) {
    await cancelReminder(deps, chargeId);
    return seatProblem(error, port ? 'PORT_TAKEN' : 'NO_FREE_PORT');
  }
}

export async function start(deps: Deps, user: SessionUser, code: string) {
  const holder = accountIdOf(user);
  const now = deps.clock.now();
  const port = await ChargingPorts(deps.connection).findOne({ code }).lean<ChargingPort>();
  const site = port && (await ChargingSites(deps.connection).findById(port.siteId).lean());
  if (!port || !site) throw problem('NOT_FOUND');
  const mine = await activeOf(deps, holder);
  const here = mine?.pool.equals(port._id);
  if (mine?.startedAt) {
    if (here) return chargeView(deps, mine);
    throw problem('ACTIVE_CHARGE_EXISTS');
  }
  if (mine && !here) throw problem('RESERVED_OTHER_PORT', `Your reservation is at another port.`);
  refuseClosed(site, now);
  const running = { startedAt: now, stopsBy: new Date(now.getTime() + (mine ?? site).maxMinutes * 60_000) };

  if (mine) {
    if (outOfOrder(port)) throw problem('PORT_OUT_OF_ORDER');
    try {
      const started = await portSeats(deps).convert(mine._id, running);
      await cancelReminder(deps, mine._id);
      return await chargeView(deps, started);
    } catch (error) {
      if (!(error instanceof SeatError)) throw error;
      // Expired, or cancelled meanwhile by the equipment side (a fault).
      const after = await Charges(deps.connection).findById(mine._id, { endReason: 1 }).lean();
      throw problem(after?.endReason && after.endReason !== 'resident' ? 'PORT_OUT_OF_ORDER' : 'RESERVATION_EXPIRED');
    }
  }

  if (outOfOrder(port)) throw problem('PORT_OUT_OF_ORDER');
  if (port.booked >= port.capacity) throw problem('PORT_TAKEN');
  try {
    const fields = () => ({ ...termsOf(site), ...running });
    const { seat } = await portSeats(deps).take(port._id, holder, { fields }, port);
    return await chargeView(deps, seat);
  } catch (error) {
    return seatProblem(error, 'PORT_TAKEN');
  }
}

export async function cancel(deps: Deps, user: SessionUser, id: string) {
  const charge = await ownCharge(deps, user, id);
  if (charge.startedAt) throw problem('CHARGE_ALREADY_STARTED');
  if (charge.status !== 'confirmed') return chargeView(deps, charge);
  await cancelReminder(deps, charge._id);
  // A start racing this cancel (the same resident's two taps) ends as a session of 0 minutes:
  // the release frees the port either way and nothing is billed.
  const released = await portSeats(deps).release(charge._id, { endedAt: deps.clock.now(), endReason: 'resident' });
  return chargeView(deps, released ?? charge);
}

export async function stop(deps: Deps, user: SessionUser, id: string) {
  const charge = await ownCharge(deps, user, id);
  if (!charge.startedAt) throw problem('CHARGE_NOT_STARTED');
  if (charge.status !== 'confirmed') return chargeView(deps, charge);
  return chargeView(deps, await finishSession(deps, charge, { at: deps.clock.now(), reason: 'resident' }));
}

export async function getCharge(deps: Deps, user: SessionUser, id: string) {
  return chargeView(deps, await ownCharge(deps, user, id));
}

export async function myActiveCharge(deps: Deps, user: SessionUser) {
  const charge = await Charges(deps.connection)
    .findOne({ holder: accountIdOf(user), status: 'confirmed' })
    .lean<Charge>();
  return { charge: charge ? await chargeView(deps, charge) : null };
}

export async function listMyCharges(deps: Deps, user: SessionUser, query: Query<Api['listMyCharges']>) {
  const holder = accountIdOf(user);
  const sessions = query.include === 'sessions';
  const field = sessions ? 'startedAt' : 'createdAt';
  const filter: QueryFilter<Charge> = sessions
    ? { holder, status: { $in: SHOWN }, startedAt: { $type: 'date' } }
    : { holder, status: { $in: SHOWN } };
  const docs = await Charges(deps.connection)
    .find({ ...filter, ...afterCursor(query.cursor, field, -1) })
    .sort({ [field]: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean<Charge[]>();
  const charges = docs.slice(0, query.limit);
  const last = charges[charges.length - 1];
  const at = last && (sessions ? last.startedAt : last.createdAt);
  return {
    items: await chargeViews(deps, charges),
    nextCursor: docs.length > query.limit && last && at ? encodeCursor({ at, id: last._id }) : null,
  };
}
