// `pnpm bench fairness [--quick]`: does any of 200 concurrent connections starve? devdb runs in
// its own process; 200 connections each loop `findOneAndUpdate({_id}, {$inc})` (the wire
// command the driver sends for it) on a few hot documents, and every operation's latency after a
// warm-up is kept. The connections are raw sockets with the command encoded once, not a driver
// pool: the driver spends about twice devdb's CPU per operation, so through it the tail would be
// the load generator's own queueing. Two lines: `steady` is the 200 single-op loops alone;
// `flooded` is the same loops while a few more connections each write FLOOD_DEPTH commands at
// once (a pipeline, as unacknowledged writes and batching clients produce) and wait for all the
// answers before the next. A fair server keeps the single ops' p99 within 3× their p50 in both.
import net from 'node:net';
import { BSON } from 'mongodb';
import { cpuMs, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const CONNECTIONS = 200;
const HOT_DOCS = 8;
const WARMUP_MS = quick ? 1_500 : 3_000;
const MEASURE_MS = quick ? 3_000 : 10_000;
const FLOODERS = 4;
const FLOOD_DEPTH = 1_000;

const OP_MSG = 2013;
const HEADER_SIZE = 16;

/** One OP_MSG frame with a single body section. */
function opMsg(requestId: number, command: BSON.Document): Buffer {
  const body = BSON.serialize(command);
  const frame = Buffer.alloc(HEADER_SIZE + 5 + body.length);
  frame.writeInt32LE(frame.length, 0);
  frame.writeInt32LE(requestId, 4);
  frame.writeInt32LE(OP_MSG, 12);
  frame.set(body, HEADER_SIZE + 5);
  return frame;
}

const incOne = (collection: string, _id: number, requestId: number) =>
  opMsg(requestId, { findAndModify: collection, query: { _id }, update: { $inc: { n: 1 } }, $db: 'bench' });

/** A raw connection: `send` writes frames, the `onReply` handler sees each whole reply frame. */
function connect(
  port: number,
): Promise<{ send(frames: Buffer): void; onReply(f: (frame: Buffer) => void): void; end(): void }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    let handler: (frame: Buffer) => void = () => {};
    socket.on('data', (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        const frame = pending.subarray(0, length);
        pending = pending.subarray(length);
        handler(frame);
      }
    });
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        send: (frames) => void socket.write(frames),
        onReply: (f) => (handler = f),
        end: () => void socket.end(),
      }),
    );
  });
}

function replyOf(frame: Buffer): BSON.Document {
  return BSON.deserialize(frame.subarray(HEADER_SIZE + 5));
}

/** Writes `depth` commands at once and, when every one is answered, the next `depth`, until
 * `stopped()`; resolves with how many were answered. */
async function flood(port: number, stopped: () => boolean): Promise<number> {
  const connection = await connect(port);
  const batch = Buffer.concat(Array.from({ length: FLOOD_DEPTH }, (_, i) => incOne('flood', i % HOT_DOCS, i + 1)));
  let answered = 0;
  return new Promise((resolve) => {
    connection.onReply(() => {
      if (++answered % FLOOD_DEPTH !== 0) return;
      if (!stopped()) return connection.send(batch);
      connection.end();
      resolve(answered);
    });
    connection.send(batch);
  });
}

/** One connection's loop: the next command goes out when the last one's reply is in. */
async function single(
  port: number,
  loop: number,
  measureFrom: number,
  end: number,
  latencies: number[],
): Promise<{ measured: number; answered: number }> {
  let measured = 0;
  let answered = 0;
  const connection = await connect(port);
  const frames = Array.from({ length: HOT_DOCS }, (_, d) => incOne('hot', d, d + 1));
  await new Promise<void>((resolve, reject) => {
    let i = loop;
    let sent = 0;
    const next = () => {
      sent = performance.now();
      if (sent >= end) {
        connection.end();
        return resolve();
      }
      connection.send(frames[i++ % HOT_DOCS]!);
    };
    connection.onReply((frame) => {
      const reply = replyOf(frame);
      if (reply.ok !== 1 || reply.value === null)
        return reject(new Error(`findAndModify failed: ${JSON.stringify(reply)}`));
      answered++;
      if (sent >= measureFrom) {
        latencies.push(performance.now() - sent);
        measured++;
      }
      next();
    });
    next();
  });
  return { measured, answered };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Number(ms.toFixed(2));

async function seed(port: number) {
  const connection = await connect(port);
  const docs = Array.from({ length: HOT_DOCS }, (_, _id) => ({ _id, n: 0 }));
  const answered = new Promise<BSON.Document>((resolve) => connection.onReply((frame) => resolve(replyOf(frame))));
  connection.send(opMsg(1, { insert: 'hot', documents: docs, $db: 'bench' }));
  const reply = await answered;
  connection.end();
  if (reply.ok !== 1 || reply.n !== HOT_DOCS) throw new Error(`seeding failed: ${JSON.stringify(reply)}`);
}

async function run(variant: 'steady' | 'flooded', address: string, port: number) {
  const started = performance.now();
  const measureFrom = started + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  const latencies: number[] = [];
  let stopped = false;
  const flooders = variant === 'flooded' ? Array.from({ length: FLOODERS }, () => flood(port, () => stopped)) : [];
  const dbCpuBefore = cpuMs(address);
  const perConnection = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, loop) => single(port, loop, measureFrom, end, latencies)),
  );
  stopped = true;
  const flooded = (await Promise.all(flooders)).reduce((a, b) => a + b, 0);
  const dbCpuMs = cpuMs(address) - dbCpuBefore;
  const answered = perConnection.reduce((sum, c) => sum + c.answered, 0) + flooded;
  const sorted = Float64Array.from(latencies).sort();
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  return {
    scenario: 'devdb-fairness',
    variant,
    quick,
    connections: CONNECTIONS,
    ...(variant === 'flooded' ? { flooders: FLOODERS, flood_depth: FLOOD_DEPTH, flood_ops: flooded } : {}),
    ops: sorted.length,
    rps: Math.round(sorted.length / (MEASURE_MS / 1000)),
    p50_ms: round(p50),
    p99_ms: round(p99),
    p99_over_p50: round(p99 / p50),
    max_ms: round(sorted[sorted.length - 1]!),
    // Starvation of a connection rather than of a moment shows as an uneven share of the turns.
    min_connection_ops: Math.min(...perConnection.map((c) => c.measured)),
    max_connection_ops: Math.max(...perConnection.map((c) => c.measured)),
    // How busy devdb was over the whole run (warm-up included): near 1 means the server, not the
    // load generator, set the pace.
    db_busy: round(dbCpuMs / (performance.now() - started)),
    // devdb's CPU per command, warm-up and flood included: what scheduling costs, and robust to
    // a busy machine where the rates are not.
    db_cpu_us_per_op: Math.round((dbCpuMs * 1000) / answered),
  };
}

try {
  const address = await serve('db');
  const port = Number(new URL(address).port);
  await seed(port);
  for (const variant of ['steady', 'flooded'] as const) console.log(JSON.stringify(await run(variant, address, port)));
} finally {
  stopServers();
}
