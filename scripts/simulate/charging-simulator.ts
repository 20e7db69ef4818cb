import type { PortDevice } from '@warmcity/bff/charging/device-credentials';
import type { DeviceMessage } from '@warmcity/shared/api/charging';
import { deviceClient } from './device-client';

export const DEVICE_PATH = '/api/charging/device/messages';

interface DeviceAnswer {
  interval: number;
  reservation: { id: string; expiryDate: string } | null;
  charging: boolean;
}

interface SimulatedPort {
  readonly device: PortDevice;
  readonly send: ReturnType<typeof deviceClient>;
  plugged: boolean;
  charging: boolean;
  meterWh: number;
  meterAt: number;
  /** Rounds left before a simulated fault clears; 0 when working. */
  faultRounds: number;
  nextBeatAt: number;
}

export interface SimulatorOptions {
  readonly baseUrl: string;
  readonly devices: readonly PortDevice[];
  readonly now?: () => Date;
  /** An e-bike charger draws 300–600 W. */
  readonly powerW?: number;
  /** Chance per port and round of a fault that clears after a few rounds (0 = never). */
  readonly faultRate?: number;
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

const FAULT_ROUNDS = 5;

/**
 * Charging posts for the demo and the end-to-end tests, talking to the BFF only as real ones do:
 * signed messages to the device endpoint, reacting to what each answer says (a reservation to
 * plug into, a session to meter). `follow` also reads the public port grids to notice a
 * reservation or a start at once rather than at the next heartbeat.
 */
export function chargingSimulator(options: SimulatorOptions) {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const powerW = options.powerW ?? 400;
  const ports = new Map<string, SimulatedPort>(
    options.devices.map((device) => [
      device.code,
      {
        device,
        send: deviceClient(options.baseUrl, device, now),
        plugged: false,
        charging: false,
        meterWh: 0,
        meterAt: 0,
        faultRounds: 0,
        nextBeatAt: 0,
      },
    ]),
  );

  const portOf = (code: string) => {
    const port = ports.get(code.toUpperCase());
    if (!port) throw new Error(`no simulated port ${code}`);
    return port;
  };
  const stamp = () => now().toISOString();

  async function message(port: SimulatedPort, body: DeviceMessage): Promise<DeviceAnswer> {
    const answer = await port.send(DEVICE_PATH, body);
    if (answer.status !== 200) {
      throw new Error(`${port.device.code} ${body.action}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    const parsed = answer.body as DeviceAnswer;
    port.nextBeatAt = now().getTime() + parsed.interval * 1000;
    return parsed;
  }

  const status = (port: SimulatedPort, value: Extract<DeviceMessage, { action: 'StatusNotification' }>['status']) => {
    log(`${port.device.code} ${value}`);
    return message(port, { action: 'StatusNotification', status: value, errorCode: 'NoError', timestamp: stamp() });
  };

  /** Brings the port in step with what the BFF says should happen on it. */
  async function follow(port: SimulatedPort, answer: DeviceAnswer): Promise<void> {
    if (port.faultRounds > 0) return;
    if (answer.reservation && !port.plugged) {
      port.plugged = true;
      answer = await status(port, 'Preparing');
    }
    if (answer.charging && !port.charging) {
      port.plugged = true;
      port.charging = true;
      port.meterWh = 0;
      port.meterAt = now().getTime();
      await status(port, 'Charging');
    } else if (!answer.charging && port.charging) {
      // Stopped in the app or by the site's limit: the resident takes the cable away.
      port.charging = false;
      port.plugged = false;
      await status(port, 'Available');
    }
  }

  async function meter(port: SimulatedPort): Promise<void> {
    const at = now().getTime();
    port.meterWh += Math.round((powerW * (at - port.meterAt)) / 3_600_000);
    port.meterAt = at;
    const answer = await message(port, { action: 'MeterValues', meterWh: port.meterWh, timestamp: stamp() });
    await follow(port, answer);
  }

  async function gridStatuses(): Promise<Map<string, string>> {
    const statuses = new Map<string, string>();
    const siteIds = [...new Set(options.devices.map((d) => d.siteId))];
    for (const siteId of siteIds) {
      const response = await fetch(new URL(`/api/charging/sites/${siteId}`, options.baseUrl));
      if (!response.ok) continue;
      const site = (await response.json()) as { ports: { id: string; status: string }[] };
      for (const port of site.ports) statuses.set(port.id, port.status);
    }
    return statuses;
  }

  return {
    codes: () => [...ports.keys()],
    /** BootNotification from every port, as after a power cut. */
    async boot() {
      for (const port of ports.values()) {
        await message(port, { action: 'BootNotification', model: 'WC-SIM-1', firmwareVersion: '1.0.0' });
      }
    },
    /** The resident pushes the plug in: Preparing, and Charging as soon as the BFF says a session runs. */
    async plugIn(code: string) {
      const port = portOf(code);
      port.plugged = true;
      await follow(port, await status(port, 'Preparing'));
    },
    /** The plug is pulled: ends a running session (billed to now). */
    async unplug(code: string) {
      const port = portOf(code);
      port.plugged = false;
      port.charging = false;
      await status(port, 'Available');
    },
    async fault(code: string, errorCode = 'GroundFailure') {
      const port = portOf(code);
      port.faultRounds = FAULT_ROUNDS;
      port.charging = false;
      log(`${code} Faulted ${errorCode}`);
      await message(port, { action: 'StatusNotification', status: 'Faulted', errorCode, timestamp: stamp() });
    },
    async recover(code: string) {
      const port = portOf(code);
      port.faultRounds = 0;
      port.plugged = false;
      await status(port, 'Available');
    },
    async meter(code: string) {
      await meter(portOf(code));
    },
    /**
     * One round: heartbeats that are due, a message to every port the grid shows reserved or
     * charging (so a plug-in follows a reservation within a round), meter values while charging,
     * random faults and their recovery.
     */
    async round() {
      const statuses = await gridStatuses();
      const at = now().getTime();
      for (const port of ports.values()) {
        if (port.faultRounds > 0) {
          port.faultRounds -= 1;
          if (port.faultRounds === 0) {
            port.plugged = false;
            await status(port, 'Available');
          }
          continue;
        }
        if (random() < (options.faultRate ?? 0)) {
          await this.fault(port.device.code);
          continue;
        }
        const shown = statuses.get(port.device.portId);
        if (port.charging) await meter(port);
        else if (shown === 'reserved' || shown === 'charging' || at >= port.nextBeatAt) {
          await follow(port, await message(port, { action: 'Heartbeat' }));
        }
      }
    },
  };
}

export type ChargingSimulator = ReturnType<typeof chargingSimulator>;
