import type { Context } from 'koa';
import type { Deps } from '../../platform/deps';
import { isDuplicateKey } from '../../platform/database';
import { problem } from '../../platform/problem';
import { DeviceNonces } from './device-nonce.model';
import { DEVICE_HEADERS, DEVICE_MAX_SKEW_MS } from '@warmcity/shared/api/charging';
import { signatureMatches } from './device-signature';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

type Refusal = 'unsigned' | 'unknown_device' | 'stale' | 'tampered' | 'replayed';

const CODES = {
  unsigned: 'DEVICE_SIGNATURE_INVALID',
  unknown_device: 'DEVICE_SIGNATURE_INVALID',
  tampered: 'DEVICE_SIGNATURE_INVALID',
  stale: 'DEVICE_REQUEST_STALE',
  replayed: 'DEVICE_NONCE_REPLAYED',
} as const;

/**
 * Checks a device request's signature and burns its nonce, before anything else is written.
 * Each refusal is a 401: an unknown device and a wrong signature answer alike, so device ids
 * cannot be probed; stale and replayed say so, which helps a vendor fix a clock and tells an
 * attacker nothing the request did not already show. The nonce is stored only once the signature
 * holds, so nobody without the secret can fill the store or burn a device's nonces.
 *
 * `find` loads the device and its secret (null for a device we do not know); the device is
 * what this answers.
 */
export async function authenticateDevice<T>(
  deps: Deps,
  ctx: Context,
  find: (deviceId: string) => Promise<{ secret: string; device: T } | null>,
): Promise<T> {
  const refuse = (reason: Refusal, deviceId?: string) => {
    deps.logger.warn({ reason, deviceId }, 'device request refused');
    return problem(CODES[reason]);
  };
  const deviceId = ctx.get(DEVICE_HEADERS.deviceId);
  const timestamp = ctx.get(DEVICE_HEADERS.timestamp);
  const nonce = ctx.get(DEVICE_HEADERS.nonce);
  const signature = ctx.get(DEVICE_HEADERS.signature);
  if (!DEVICE_ID.test(deviceId) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !SIGNATURE.test(signature)) {
    throw refuse('unsigned');
  }
  const now = deps.clock.now().getTime();
  const sentAt = Number(timestamp) * 1000;
  if (Math.abs(now - sentAt) > DEVICE_MAX_SKEW_MS) throw refuse('stale', deviceId);

  const found = await find(deviceId);
  if (found === null) throw refuse('unknown_device', deviceId);
  const body = (ctx.request as { rawBody?: string }).rawBody ?? '';
  if (
    !signatureMatches(found.secret, { method: ctx.method, path: ctx.url, deviceId, timestamp, nonce, body }, signature)
  ) {
    throw refuse('tampered', deviceId);
  }
  try {
    // Kept until the timestamp could no longer pass the skew check, whichever clock is ahead.
    const expiresAt = new Date(Math.max(now, sentAt) + DEVICE_MAX_SKEW_MS);
    await DeviceNonces(deps.connection).create({ deviceId, nonce, expiresAt });
  } catch (error) {
    if (isDuplicateKey(error)) throw refuse('replayed', deviceId);
    throw error;
  }
  return found.device;
}
