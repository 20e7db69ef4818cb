import type { Context } from 'koa';
import type { Deps } from '../../platform/deps';
import { isDuplicateKey } from '../../platform/database';
import { problem } from '../../platform/problem';
import { DeviceNonces } from './device-nonce.model';
import { DEVICE_HEADERS, signatureMatches } from './device-signature';

/** OCPP gateways and mountain-area clocks drift; beyond this a request is stale (issue 12). */
export const MAX_SKEW_MS = 5 * 60_000;

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

export type DeviceRefusal = 'unsigned' | 'unknown_device' | 'stale' | 'tampered' | 'replayed';

/**
 * Checks a device request's signature and burns its nonce, before anything else is read or
 * written. Every refusal is the same 401 (the device learns nothing about which check failed);
 * the log says which. The nonce is stored only once the signature holds, so nobody without the
 * secret can fill the store or burn a device's nonces.
 *
 * `secretOf` answers the device's secret, or null for a device we do not know.
 */
export async function authenticateDevice(
  deps: Deps,
  ctx: Context,
  secretOf: (deviceId: string) => Promise<string | null>,
): Promise<string> {
  const refuse = (reason: DeviceRefusal, deviceId?: string) => {
    deps.logger.warn({ reason, deviceId }, 'device request refused');
    return problem('UNAUTHENTICATED');
  };
  const deviceId = ctx.get(DEVICE_HEADERS.device);
  const timestamp = ctx.get(DEVICE_HEADERS.timestamp);
  const nonce = ctx.get(DEVICE_HEADERS.nonce);
  const signature = ctx.get(DEVICE_HEADERS.signature);
  if (!DEVICE_ID.test(deviceId) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !SIGNATURE.test(signature)) {
    throw refuse('unsigned');
  }
  const now = deps.clock.now().getTime();
  const sentAt = Number(timestamp) * 1000;
  if (Math.abs(now - sentAt) > MAX_SKEW_MS) throw refuse('stale', deviceId);

  const secret = await secretOf(deviceId);
  if (secret === null) throw refuse('unknown_device', deviceId);
  const body = (ctx.request as { rawBody?: string }).rawBody ?? '';
  if (!signatureMatches(secret, { method: ctx.method, path: ctx.url, deviceId, timestamp, nonce, body }, signature)) {
    throw refuse('tampered', deviceId);
  }
  try {
    // Kept until the timestamp could no longer pass the skew check, whichever clock is ahead.
    const expiresAt = new Date(Math.max(now, sentAt) + MAX_SKEW_MS);
    await DeviceNonces(deps.connection).create({ deviceId, nonce, expiresAt });
  } catch (error) {
    if (isDuplicateKey(error)) throw refuse('replayed', deviceId);
    throw error;
  }
  return deviceId;
}
