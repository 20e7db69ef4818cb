import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEVICE_HEADERS } from '@warmcity/shared/api/charging';

/**
 * How a charging device signs each request to the device endpoint, shared by the BFF, the
 * simulator and any vendor gateway: HMAC-SHA256 with the device's own secret over the method,
 * the path (with its query), the timestamp, the nonce and the SHA-256 of the body bytes, each on
 * its own line under a versioned label, so no field can be shifted into its neighbour and a
 * signature for this scheme can never be taken for another.
 */

const LABEL = 'WARMCITY-DEVICE-HMAC-SHA256';

export interface SignedParts {
  readonly method: string;
  readonly path: string;
  readonly deviceId: string;
  /** Unix seconds, as sent. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: string;
}

export function canonicalRequest(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body, 'utf8').digest('hex');
  return [LABEL, parts.method.toUpperCase(), parts.path, parts.deviceId, parts.timestamp, parts.nonce, bodyHash].join(
    '\n',
  );
}

/** Lower-case hex. */
export function signRequest(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonicalRequest(parts), 'utf8').digest('hex');
}

export function signatureMatches(secret: string, parts: SignedParts, signature: string): boolean {
  const expected = Buffer.from(signRequest(secret, parts), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The headers a device sends with `body` (the exact bytes it will put on the wire). */
export function deviceHeaders(
  secret: string,
  request: { method: string; path: string; deviceId: string; body: string; now: Date },
): Record<string, string> {
  const timestamp = String(Math.floor(request.now.getTime() / 1000));
  const nonce = randomBytes(16).toString('base64url');
  const signature = signRequest(secret, { ...request, timestamp, nonce });
  return {
    [DEVICE_HEADERS.deviceId]: request.deviceId,
    [DEVICE_HEADERS.timestamp]: timestamp,
    [DEVICE_HEADERS.nonce]: nonce,
    [DEVICE_HEADERS.signature]: signature,
  };
}

/** A new device secret: 32 random bytes, base64url. */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}
