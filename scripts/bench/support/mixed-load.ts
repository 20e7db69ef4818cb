// The mixed load `pnpm bench mixed` measures and `pnpm bench soak` keeps up: one of each feature
// seeded, then many signed-in residents at once browsing, booking, reserving and reading through
// the real HTTP API, and afterwards the invariants each feature promises, read from the database.
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Config } from '@warmcity/bff/config';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { burst, type BurstRequest } from './burst';
import { seedBookableSession } from './session';
import { newId, random, seedChargingSites, seedInsuredResidents, seedMemorials, toutuoSites } from './seed';

/**
 * What the residents do, in requests per hundred. Browsing dominates as it does in the app's
 * logs of a normal evening (lists and pages are most of what a phone asks for), reads of one's
 * own 医保 come next, and the writes that take a seat or leave a mark are a quarter of the load:
 * - courses, sessions: the parent-school lists, sessions with seats left and my booking;
 * - sites-near: the charging list from a random point in 头陀镇;
 * - memorials, memorial: the public memorial list and a memorial page opened by its code;
 * - insurance, contributions: 我的医保 and a year of contributions, by bound residents;
 * - book: a parent-class seat (confirmed or waitlisted; the same resident twice is refused);
 * - reserve, release: any free port of a site, and cancelling a reservation held earlier;
 * - tribute: a flower, candle or incense, half of them on the one memorial everyone visits.
 */
export const BLEND = {
  courses: 8,
  sessions: 8,
  'sites-near': 14,
  memorials: 8,
  memorial: 12,
  insurance: 10,
  contributions: 5,
  book: 10,
  reserve: 8,
  release: 7,
  tribute: 10,
} as const;
export type Kind = keyof typeof BLEND;

const SESSIONS = 4;
const SESSION_CAPACITY = 200;
const MEMORIALS = 10;
const INSURED = 200;
const NEAR_RADIUS_M = 3000;

export interface MixedWorld {
  readonly sessions: readonly string[];
  readonly sites: readonly { id: string; lng: number; lat: number }[];
  readonly ports: number;
  readonly codes: readonly string[];
  readonly campaignId: string;
  readonly insured: readonly string[];
  readonly year: number;
}

export async function seedMixedWorld(connection: mongoose.Connection, config: Config): Promise<MixedWorld> {
  const sessions: string[] = [];
  for (let i = 0; i < SESSIONS; i += 1)
    sessions.push(
      await seedBookableSession(connection, { capacity: SESSION_CAPACITY, startsInMs: (i + 2) * 3_600_000 }),
    );
  const sites = toutuoSites();
  await seedChargingSites(connection, config, sites, new Date());
  const { codes, campaignId } = await seedMemorials(connection, MEMORIALS);
  const { accountIds, year } = await seedInsuredResidents(connection, config, INSURED);
  return {
    sessions,
    sites: sites.map(({ site }) => ({ id: site._id, ...site.location })),
    ports: sites.reduce((sum, s) => sum + s.ports.length, 0),
    codes,
    campaignId,
    insured: accountIds,
    year,
  };
}

interface KindFigures {
  requests: number;
  /** Refusals the feature promises under load: a class already booked, no free port, a
   * resident's tribute limit. */
  refused: number;
  errors: number;
  latencies: number[];
}

export interface MixedOutcome {
  readonly requests: number;
  /** Transport errors and timeouts: requests that got no answer at all. */
  readonly unanswered: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly kinds: Record<Kind, KindFigures>;
  /** Tributes answered 201, to compare with the public totals. */
  readonly tributes: number;
}

/** A schedule of a hundred requests in the blend's proportions, shuffled once so the kinds
 * interleave rather than come in runs. */
function schedule(): Kind[] {
  const next = random(7);
  const slots = (Object.entries(BLEND) as [Kind, number][]).flatMap(([kind, weight]) =>
    Array.from({ length: weight }, () => kind),
  );
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));

/**
 * The mixed load over `connections` connections: `amount` requests, or bursts of `amount` until
 * `seconds` have passed. Each burst ends when every request it sent is answered, so what the
 * database holds afterwards can be compared with the answers exactly.
 * `residents` distinct signed-in residents take turns; charging residents hold at most one
 * reservation each (one that holds is not asked to reserve again), so every other refusal is an
 * error.
 */
export async function mixedLoad(
  url: string,
  world: MixedWorld,
  jwt: { JWT_SECRET: string; JWT_ISSUER: string; JWT_AUDIENCE: string },
  options: { connections: number; residents: number; amount: number; seconds?: number; timeout?: number },
): Promise<MixedOutcome> {
  const token = (id: string) => signAccessToken(jwt, { id, roles: ['resident'], scopes: [] });
  const residents = Array.from({ length: options.residents }, () => token(newId()));
  const insured = world.insured.map(token);
  // Enough charging residents that each connection can hold one while another reserves.
  const free = Array.from({ length: options.connections * 2 }, () => token(newId()));
  const held: { token: string; chargeId: string }[] = [];

  const next = random(11);
  const lng = [Math.min(...world.sites.map((s) => s.lng)), Math.max(...world.sites.map((s) => s.lng))] as const;
  const lat = [Math.min(...world.sites.map((s) => s.lat)), Math.max(...world.sites.map((s) => s.lat))] as const;
  const nearPaths = Array.from({ length: 1000 }, () => {
    const at = { lng: lng[0] + next() * (lng[1] - lng[0]), lat: lat[0] + next() * (lat[1] - lat[0]) };
    return `/api/charging/sites?lng=${at.lng.toFixed(6)}&lat=${at.lat.toFixed(6)}&radiusM=${NEAR_RADIUS_M}&limit=10`;
  });

  const slots = schedule();
  const counters = { book: 0, tribute: 0, read: 0 };
  const kinds = Object.fromEntries(
    Object.keys(BLEND).map((kind) => [kind, { requests: 0, refused: 0, errors: 0, latencies: [] as number[] }]),
  ) as Record<Kind, KindFigures>;
  const errorSamples: string[] = [];
  let tributes = 0;

  const post = (path: string, bearer: string, body: object): BurstRequest => ({
    method: 'POST',
    path,
    body: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bearer}`,
      'idempotency-key': randomUUID(),
    },
  });
  const get = (path: string, bearer: string): BurstRequest => ({
    method: 'GET',
    path,
    headers: { authorization: `Bearer ${bearer}` },
  });

  let issued = 0;
  const build = (_: number, context: Record<string, unknown>): BurstRequest => {
    const n = issued++;
    let kind = slots[n % slots.length]!;
    // A release with nothing held, or a reserve with every charging resident holding, reserves
    // or releases instead, so the blend's charging share stays the same.
    if (kind === 'release' && held.length === 0) kind = 'reserve';
    if (kind === 'reserve' && free.length === 0) kind = 'release';
    context.kind = kind;
    context.started = performance.now();
    const reader = residents[counters.read++ % residents.length]!;
    switch (kind) {
      case 'courses':
        return get('/api/parent-school/courses', reader);
      case 'sessions':
        return get('/api/parent-school/sessions?limit=20', reader);
      case 'sites-near':
        return get(nearPaths[n % nearPaths.length]!, reader);
      case 'memorials':
        return get('/api/memorial/memorials?limit=20', reader);
      case 'memorial':
        return get(`/api/memorial/codes/${world.codes[n % world.codes.length]}`, reader);
      case 'insurance':
        return get('/api/insurance/me', insured[n % insured.length]!);
      case 'contributions':
        return get(`/api/insurance/me/contributions?year=${world.year}`, insured[n % insured.length]!);
      case 'book': {
        // Each resident books every session once before anyone books one twice.
        const k = counters.book++;
        const session = world.sessions[Math.floor(k / residents.length) % world.sessions.length]!;
        return post('/api/parent-school/bookings', residents[k % residents.length]!, { sessionId: session });
      }
      case 'reserve': {
        const bearer = free.pop()!;
        context.bearer = bearer;
        return post('/api/charging/charges', bearer, { siteId: world.sites[n % world.sites.length]!.id });
      }
      case 'release': {
        const charge = held.shift()!;
        context.bearer = charge.token;
        return { ...get(`/api/charging/charges/${charge.chargeId}/cancel`, charge.token), method: 'POST' };
      }
      case 'tribute': {
        // Round the residents, so none comes near the tribute limit unless the load outruns it.
        const k = counters.tribute++;
        const code = k % 2 === 0 ? world.codes[0]! : world.codes[1 + ((k >> 1) % (world.codes.length - 1))]!;
        const kindOf = (['flower', 'candle', 'incense'] as const)[k % 3];
        return post(`/api/memorial/codes/${code}/tributes`, residents[k % residents.length]!, { kind: kindOf });
      }
    }
  };

  const answer = (status: number, body: string, context: Record<string, unknown>) => {
    const kind = context.kind as Kind;
    const figures = kinds[kind];
    figures.requests += 1;
    figures.latencies.push(performance.now() - (context.started as number));
    const code = () => (JSON.parse(body) as { code?: string }).code;
    let outcome: 'ok' | 'refused' | 'error' = status === 200 ? 'ok' : 'error';
    if (kind === 'book') {
      outcome = status === 201 ? 'ok' : status === 409 && code() === 'ALREADY_BOOKED' ? 'refused' : 'error';
    } else if (kind === 'reserve') {
      const bearer = context.bearer as string;
      if (status === 201) {
        outcome = 'ok';
        held.push({ token: bearer, chargeId: (JSON.parse(body) as { id: string }).id });
      } else {
        outcome = status === 409 && code() === 'NO_FREE_PORT' ? 'refused' : 'error';
        free.push(bearer);
      }
    } else if (kind === 'release') {
      free.push(context.bearer as string);
    } else if (kind === 'tribute') {
      outcome = status === 201 ? 'ok' : status === 429 ? 'refused' : 'error';
      if (status === 201) tributes += 1;
    }
    if (outcome === 'refused') figures.refused += 1;
    if (outcome === 'error') {
      figures.errors += 1;
      if (errorSamples.length < 5) errorSamples.push(`${kind} ${status} ${body.slice(0, 200)}`);
    }
  };

  const started = performance.now();
  let requests = 0;
  let unanswered = 0;
  do {
    const result = await burst(url, {
      connections: options.connections,
      amount: options.amount,
      timeout: options.timeout ?? 60,
      request: build,
      onResponse: answer,
    });
    requests += result.requests;
    unanswered += result.unanswered;
  } while (options.seconds && performance.now() - started < options.seconds * 1000);
  const seconds = (performance.now() - started) / 1000;
  for (const sample of errorSamples) console.error(`mixed: error: ${sample}`);
  const all = Object.values(kinds)
    .flatMap((figures) => figures.latencies)
    .sort((a, b) => a - b);
  return {
    requests,
    unanswered,
    seconds: Number(seconds.toFixed(1)),
    rps: Math.round(requests / seconds),
    p50_ms: percentile(all, 0.5),
    p99_ms: percentile(all, 0.99),
    kinds,
    tributes,
  };
}

/** Per kind: requests, refusals, errors and the latency percentiles, for the JSON line. */
export function kindFigures(kinds: Record<Kind, KindFigures>) {
  return Object.fromEntries(
    Object.entries(kinds).map(([kind, figures]) => {
      const sorted = [...figures.latencies].sort((a, b) => a - b);
      return [
        kind,
        {
          requests: figures.requests,
          refused: figures.refused,
          errors: figures.errors,
          p50_ms: percentile(sorted, 0.5),
          p99_ms: percentile(sorted, 0.99),
        },
      ];
    }),
  );
}

/**
 * What each feature promises, read back afterwards: no class booked past its capacity (and the
 * seat counter agrees with the confirmed bookings), no port held by two reservations at once (and
 * no port left mid-operation), and tribute totals that count every tribute answered 201, on the
 * memorial pages and on the campaign alike.
 */
export async function mixedInvariants(
  connection: mongoose.Connection,
  bffUrl: string,
  world: MixedWorld,
  outcome: MixedOutcome,
) {
  const db = connection.db!;
  let oversold = 0;
  let miscounted = 0;
  for (const id of world.sessions) {
    const pool = new mongoose.Types.ObjectId(id);
    const session = await db.collection('parent_school_sessions').findOne({ _id: pool });
    const booked = (session?.booked as number | undefined) ?? 0;
    const confirmed = await db.collection('parent_school_bookings').countDocuments({ pool, status: 'confirmed' });
    oversold += Math.max(0, confirmed - SESSION_CAPACITY, booked - SESSION_CAPACITY);
    if (booked !== confirmed) miscounted += 1;
  }

  const charges = db.collection('charging_charges');
  const twice = await charges
    .aggregate([{ $match: { status: 'confirmed' } }, { $group: { _id: '$pool', n: { $sum: 1 } } }])
    .toArray();
  const ports = await db
    .collection('charging_ports')
    .find({}, { projection: { booked: 1, journal: 1 } })
    .toArray();
  const reserved = await charges.countDocuments({ status: 'confirmed' });
  const doubleBooked = twice.filter((g) => g.n > 1).length + ports.filter((p) => p.booked > 1).length;
  miscounted +=
    ports.filter((p) => (p.journal?.length ?? 0) > 0).length +
    Math.abs(ports.reduce((sum, p) => sum + (p.booked as number), 0) - reserved);

  const totalOf = async (path: string) => {
    const response = await fetch(`${bffUrl}${path}`);
    return ((await response.json()) as { totals: { all: number } }).totals.all;
  };
  const counted = (await Promise.all(world.codes.map((code) => totalOf(`/api/memorial/codes/${code}`)))).reduce(
    (sum, total) => sum + total,
    0,
  );
  const campaign = await totalOf(`/api/memorial/campaigns/${world.campaignId}`);
  const stored = await db.collection('memorial_tributes').countDocuments();
  miscounted += Math.abs(stored - outcome.tributes) + (campaign === counted ? 0 : 1);

  return { oversold, double_booked: doubleBooked, lost: outcome.tributes - counted, miscounted };
}
