import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '@warmcity/bff/config';
import { ensurePorts, upsertSite } from '@warmcity/bff/charging/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { chargingSeed } from '../seed/charging';
import { PORT_CODE_ALPHABET, PORT_CODE_LENGTH } from '@warmcity/shared/api/charging';
import type { benchJwt } from '../bench/support/servers';
import { seedBookableSession } from '../bench/support/session';

/** One parent-class session and one charging site with a few ports, as the bursts book them. */
export interface World {
  readonly sessionId: string;
  readonly siteId: string;
  readonly capacity: number;
  readonly ports: number;
}

/** A transport error or a timeout is status 0: no HTTP answer reached the resident. */
export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly ms: number;
}

/** One resident's request, sent again with the same key and body until it has an answer. */
export interface Call {
  readonly kind: 'booking' | 'charge';
  readonly path: string;
  readonly body: string;
  readonly token: string;
  readonly key: string;
  readonly answers: Answer[];
}

const hex = () => new mongoose.Types.ObjectId().toHexString();
// Port codes are unique across sites, and drills seed a new site on the same database each time.
const portCode = () =>
  [...randomBytes(PORT_CODE_LENGTH)].map((b) => PORT_CODE_ALPHABET[b % PORT_CODE_ALPHABET.length]).join('');

export async function seedWorld(
  connection: Connection,
  config: Config,
  { capacity, ports }: { capacity: number; ports: number },
): Promise<World> {
  // Hours ahead, so neither a repair run on a clock moved forward nor the wall clock closes it.
  const sessionId = await seedBookableSession(connection, { capacity, startsInMs: 6 * 3_600_000 });
  const now = new Date();
  // A seeded site, open round the clock so a drill at night reserves too.
  const seeded = chargingSeed().find(({ ports: list }) => list.length >= ports)!;
  const siteId = hex();
  await upsertSite(connection, { ...seeded.site, _id: siteId, hours: { opens: '00:00', closes: '24:00' } }, now);
  await ensurePorts(
    connection,
    config,
    seeded.ports
      .slice(0, ports)
      .map((port) => ({ ...port, _id: hex(), siteId, code: portCode(), deviceId: `fault-${hex()}` })),
    now,
  );
  return { sessionId, siteId, capacity, ports };
}

/** Distinct residents: `bookings` of them book the session, `charges` reserve a port at the site. */
export function plannedCalls(
  world: World,
  jwt: typeof benchJwt,
  { bookings, charges }: { bookings: number; charges: number },
): Call[] {
  const call = (kind: Call['kind'], path: string, body: object): Call => ({
    kind,
    path,
    body: JSON.stringify(body),
    token: signAccessToken(jwt, { id: hex(), roles: ['resident'], scopes: [] }),
    key: randomUUID(),
    answers: [],
  });
  const bookingCalls = Array.from({ length: bookings }, () =>
    call('booking', '/api/parent-school/bookings', { sessionId: world.sessionId }),
  );
  const chargeCalls = Array.from({ length: charges }, () =>
    call('charge', '/api/charging/charges', { siteId: world.siteId }),
  );
  // Interleaved, so a kill at any moment lands in the middle of both bursts.
  return Array.from({ length: Math.max(bookings, charges) }, (_, n) => [bookingCalls[n], chargeCalls[n]]).flatMap(
    (pair) => pair.filter((c): c is Call => c !== undefined),
  );
}

/** No answer yet, or one that says "try again": a transport error, a timeout or a 5xx. */
export const unsettled = (call: Call) => {
  const last = call.answers.at(-1);
  return !last || last.status === 0 || last.status >= 500;
};

/** POSTs each call once, `concurrency` at a time; `stopSending()` true stops taking new ones
 * (those stay unsent). `onAnswer` sees every answer as it arrives. */
export async function drive(
  baseUrl: string,
  calls: readonly Call[],
  options: {
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly stopSending?: () => boolean;
    readonly onAnswer?: (call: Call, answer: Answer) => void;
  },
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < calls.length && !options.stopSending?.()) {
      const call = calls[next++]!;
      const started = performance.now();
      let answer: Answer;
      try {
        const response = await fetch(`${baseUrl}${call.path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${call.token}`,
            'idempotency-key': call.key,
          },
          body: call.body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        answer = {
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          text: await response.text(),
          ms: performance.now() - started,
        };
      } catch (error) {
        answer = { status: 0, contentType: '', text: String((error as Error).name), ms: performance.now() - started };
      }
      call.answers.push(answer);
      options.onAnswer?.(call, answer);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/** Ids of everything a 201 ever acknowledged. */
export const acknowledged = (calls: readonly Call[], kind: Call['kind']) => [
  ...new Set(
    calls.flatMap((call) =>
      call.kind === kind
        ? call.answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.text) as { id: string }).id)
        : [],
    ),
  ),
];
