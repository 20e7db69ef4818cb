import { deviceHeaders } from '@warmcity/bff/charging/device-signature';

export interface DeviceCredentials {
  readonly deviceId: string;
  readonly secret: string;
}

export interface DeviceAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One charging device talking to the BFF as a real one would: every request signed with its own
 * secret, a fresh nonce each time, the clock the caller gives (a test's, or the wall clock). */
export function deviceClient(baseUrl: string, device: DeviceCredentials, now: () => Date = () => new Date()) {
  return async function send(path: string, message: unknown): Promise<DeviceAnswer> {
    const body = JSON.stringify(message);
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...deviceHeaders(device.secret, { method: 'POST', path, deviceId: device.deviceId, body, now: now() }),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}
