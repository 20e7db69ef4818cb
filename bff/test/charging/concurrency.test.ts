import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Charges } from '../../src/features/charging/charge.model';
import { chargingHoldExpiry } from '../../src/features/charging/sweepers';
import type { Clock, Deps } from '../../src/platform/deps';
import { createLogger } from '../../src/platform/logger';
import { startChargingApp, type ChargingTestApp } from './support';

// Hundreds of requests against one in-process devdb on two cores.
const BURST_TIMEOUT_MS = 90_000;
const MINUTE = 60_000;

let app: ChargingTestApp;
beforeAll(async () => {
  app = await startChargingApp();
});
afterAll(() => app?.close());

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('ports under concurrency', () => {
  it(
    '200 parallel reservations of one port: exactly one holds it',
    async () => {
      const site = await app.createSite({ ports: 1 });
      const port = site.ports[0]!;
      const residents = range(200).map(() => app.resident());
      const responses = await Promise.all(
        residents.map((token) => app.reserve(token, { siteId: site.siteId, portId: port.id })),
      );
      const codes = responses.map((r) => (r.status === 201 ? 'created' : r.body.code));
      expect(codes.filter((c) => c === 'created')).toHaveLength(1);
      expect(codes.filter((c) => c !== 'created' && c !== 'PORT_TAKEN')).toEqual([]);
      expect(await app.portState(port.id)).toEqual({ capacity: 1, booked: 1, journal: 0, active: 1 });
    },
    BURST_TIMEOUT_MS,
  );

  it(
    '200 parallel "any free port" reservations on a 50-port site: exactly 50, no port twice',
    async () => {
      const site = await app.createSite({ ports: 50 });
      const residents = range(200).map(() => app.resident());
      const responses = await Promise.all(residents.map((token) => app.reserve(token, { siteId: site.siteId })));
      const created = responses.filter((r) => r.status === 201);
      expect(responses.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(
        Array.from({ length: 150 }, () => 'NO_FREE_PORT'),
      );
      expect(created).toHaveLength(50);
      const ports = created.map((r) => r.body.port.id as string);
      expect(new Set(ports).size).toBe(50);
      expect([...ports].sort()).toEqual(site.ports.map((p) => p.id).sort());
      for (const port of site.ports)
        expect(await app.portState(port.id)).toEqual({ capacity: 1, booked: 1, journal: 0, active: 1 });
      const held = await Charges(app.connection).countDocuments({ siteId: site.siteId, status: 'confirmed' });
      expect(held).toBe(50);
    },
    BURST_TIMEOUT_MS,
  );

  it('one resident reserving at two sites at once gets one reservation', async () => {
    const [a, b] = await Promise.all([app.createSite({ ports: 3 }), app.createSite({ ports: 3 })]);
    const token = app.resident();
    const responses = await Promise.all([
      app.reserve(token, { siteId: a!.siteId }),
      app.reserve(token, { siteId: b!.siteId }),
      app.reserve(token, { siteId: a!.siteId, portId: a!.ports[2]!.id }),
      app.start(token, b!.ports[1]!.code),
    ]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual([
      'ACTIVE_CHARGE_EXISTS',
      'ACTIVE_CHARGE_EXISTS',
      'ACTIVE_CHARGE_EXISTS',
    ]);
    const booked = await Promise.all([...a!.ports, ...b!.ports].map((p) => app.portState(p.id)));
    expect(booked.reduce((sum, s) => sum + s.booked, 0)).toBe(1);
    expect(booked.every((s) => s.journal === 0)).toBe(true);
  });

  it('no-show expiry by two instances racing releases each hold exactly once', async () => {
    const site = await app.createSite({ ports: 20, graceMinutes: 15 });
    const residents = range(20).map(() => app.resident());
    await Promise.all(residents.map((token) => app.reserve(token, { siteId: site.siteId })));
    const later = new Date(app.clock.now().getTime() + 15 * MINUTE + 1);
    const instance = (clock: Clock): Deps => ({ ...app.deps, logger: createLogger(app.config), clock });
    // The earlier tests' holds fall due too: each counts once, whichever instance releases it.
    const due = await Charges(app.connection).countDocuments({ status: 'confirmed', expiresAt: { $lte: later } });
    expect(due).toBeGreaterThanOrEqual(20);
    const ticks = await Promise.all([
      chargingHoldExpiry.tick(instance({ now: () => later })),
      chargingHoldExpiry.tick(instance({ now: () => later })),
    ]);
    expect(ticks.reduce((sum, t) => sum + t.expired, 0)).toBe(due);
    for (const port of site.ports)
      expect(await app.portState(port.id)).toEqual({ capacity: 1, booked: 0, journal: 0, active: 0 });
    const expired = await Charges(app.connection).countDocuments({ siteId: site.siteId, status: 'expired' });
    expect(expired).toBe(20);
  });
});
