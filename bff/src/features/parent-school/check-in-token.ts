import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * What a booking's QR code carries: `ps1.<booking id>.<signature>`. The signature binds the id to
 * the booking's short code, so a token cannot be made up for someone else's booking, and it
 * needs no storage; "single use" is the booking's own check-in, which flips once.
 */

const PREFIX = 'ps1';

// Derived from the JWT secret under its own label, so a check-in signature can never be replayed
// as anything else that secret signs.
const keyFor = (secret: string) => createHmac('sha256', secret).update('warmcity/parent-school/check-in/v1').digest();

const signature = (secret: string, bookingId: string, shortCode: string) =>
  createHmac('sha256', keyFor(secret)).update(`${bookingId}:${shortCode}`).digest('base64url').slice(0, 32);

export function signCheckInToken(secret: string, bookingId: string, shortCode: string): string {
  return `${PREFIX}.${bookingId}.${signature(secret, bookingId, shortCode)}`;
}

/** The booking id a token names, if it is well formed; the signature is checked with
 * `checkInTokenMatches` once the booking (and so its short code) is loaded. */
export function bookingIdOf(token: string): string | null {
  const match = /^ps1\.([0-9a-f]{24})\.[A-Za-z0-9_-]{32}$/.exec(token);
  return match?.[1] ?? null;
}

/** Whether a token was signed with one of `secrets` (the signing one and those still accepted),
 * so a pass shown before a JWT_SECRET rotation still checks in at the gate. */
export function checkInTokenMatches(
  secrets: readonly string[],
  token: string,
  bookingId: string,
  shortCode: string,
): boolean {
  const given = Buffer.from(token);
  return secrets.some((secret) => {
    const expected = Buffer.from(signCheckInToken(secret, bookingId, shortCode));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** Six digits: quick to read out and to type on a phone keypad at the gate. */
export function newShortCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
