import { checkInOpen } from '@warmcity/shared';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import { problem } from '../../platform/problem';
import { requireScope, requireStaff } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { Bookings, type Booking } from './booking.model';
import { bookingIdOf, checkInTokenMatches } from './check-in-token';
import { Sessions } from './session.model';

/** The booking a scanned token names, if the token is ours and unaltered. */
async function bookingByToken(deps: Deps, token: string): Promise<Booking> {
  const id = bookingIdOf(token);
  const booking = id ? await Bookings(deps.connection).findById(oid(id)).lean() : null;
  if (
    !booking ||
    !checkInTokenMatches(
      [deps.config.JWT_SECRET, ...deps.config.JWT_SECRETS_ACCEPTED],
      token,
      booking._id.toHexString(),
      booking.shortCode,
    )
  ) {
    throw problem('CHECK_IN_TOKEN_INVALID');
  }
  return booking;
}

function refuse(booking: Booking): never {
  if (booking.status === 'cancelled') throw problem('BOOKING_CANCELLED');
  if (booking.checkedInAt) throw problem('ALREADY_CHECKED_IN', `Checked in at ${booking.checkedInAt.toISOString()}.`);
  throw problem('BOOKING_NOT_CONFIRMED');
}

/**
 * Checks a booking in at the session staff are running. The check-in is one conditional update,
 * so a repeated or concurrent scan changes nothing and is told "already checked in".
 */
export async function checkIn(
  deps: Deps,
  user: SessionUser,
  sessionId: string,
  body: { token: string } | { code: string },
) {
  requireStaff(user);
  const session = await Sessions(deps.connection).findById(oid(sessionId), { journal: 0 }).lean();
  if (!session) throw problem('NOT_FOUND');
  requireScope(user, 'school', session.schoolId);
  if (session.status === 'cancelled') throw problem('SESSION_CANCELLED');
  const now = deps.clock.now();
  if (!checkInOpen(session, now)) throw problem('CHECK_IN_NOT_OPEN');

  let booking: Booking;
  if ('token' in body) {
    booking = await bookingByToken(deps, body.token);
    // Another school's booking is not ours to talk about; another session of ours is a mix-up.
    requireScope(user, 'school', booking.schoolId);
    if (!booking.pool.equals(session._id)) throw problem('BOOKING_OTHER_SESSION');
  } else {
    const found = await Bookings(deps.connection).findOne({ pool: session._id, shortCode: body.code }).lean();
    if (!found) throw problem('NOT_FOUND');
    booking = found;
  }
  if (booking.status !== 'confirmed' || booking.checkedInAt) refuse(booking);

  const checkedIn = await Bookings(deps.connection)
    .findOneAndUpdate(
      { _id: booking._id, status: 'confirmed', checkedInAt: null },
      { $set: { checkedInAt: now, checkedInBy: accountIdOf(user) } },
      { returnDocument: 'after' },
    )
    .lean();
  if (!checkedIn?.checkedInAt) {
    const current = await Bookings(deps.connection).findById(booking._id).lean();
    return refuse(current ?? booking);
  }
  return {
    bookingId: checkedIn._id.toHexString(),
    shortCode: checkedIn.shortCode,
    checkedInAt: checkedIn.checkedInAt.toISOString(),
  };
}
