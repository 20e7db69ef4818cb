import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers';

const server = useServer();
const FLOOD = 1_000;
// The one command of the first-read connection that may run in the turn before another
// connection's bytes, written the same instant, are read.
const SLACK = 1;

/** A raw connection, since the driver never has more than one command in flight on one. */
async function rawConnection(): Promise<{
  write(frames: Buffer): void;
  replies(n: number): Promise<Document[]>;
  close(): void;
}> {
  const u = new URL(server.uri());
  const socket = net.connect(Number(u.port), u.hostname);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  const received: Document[] = [];
  let wanted: { n: number; resolve: (replies: Document[]) => void } | undefined;
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      received.push({ responseTo: pending.readInt32LE(8), ...deserialize(pending.subarray(21, length)) });
      pending = pending.subarray(length);
    }
    if (wanted && received.length >= wanted.n) wanted.resolve(received.splice(0, wanted.n));
  });
  const connection = {
    write: (frames: Buffer) => void socket.write(frames),
    replies: (n: number) => new Promise<Document[]>((resolve) => (wanted = { n, resolve })),
    close: () => void socket.destroy(),
  };
  // One answered ping: the server has taken the connection and reads it, like the driver's.
  const pong = connection.replies(1);
  connection.write(opMsg(0, { ping: 1, $db: 'admin' }));
  await pong;
  return connection;
}

function opMsg(requestId: number, command: Document): Buffer {
  const body = serialize(command);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(2013, 12);
  return Buffer.concat([header, body]);
}

/** `$inc` on one shared counter; the value it returns is the command's place in the server's order. */
const tick = (db: string, counter: string, requestId: number) =>
  opMsg(requestId, {
    findAndModify: 'counter',
    query: { _id: counter },
    update: { $inc: { n: 1 } },
    new: true,
    $db: db,
  });

const place = (reply: Document) => (reply.value as { n: number }).n;

describe('fairness between connections', () => {
  it('answers a lone command after at most one of a 1,000-command pipeline sent just before it', async () => {
    const db = server.db();
    await db.collection<{ _id: string; n: number }>('counter').insertOne({ _id: 'lone', n: 0 });
    const flooder = await rawConnection();
    try {
      const flooded = flooder.replies(FLOOD);
      // Written in one go, before anything else is sent, so the whole pipeline is already waiting.
      flooder.write(Buffer.concat(Array.from({ length: FLOOD }, (_, i) => tick(db.databaseName, 'lone', i + 1))));
      const lone = await db
        .collection<{ _id: string; n: number }>('counter')
        .findOneAndUpdate({ _id: 'lone' }, { $inc: { n: 1 } }, { returnDocument: 'after' });
      const replies = await flooded;

      // Its place is its own tick plus every flood command that ran before it: at most the one of
      // the turn under way when it was read; running the pipeline first would make that 1,000.
      expect(lone!.n - 1).toBeLessThanOrEqual(SLACK);
      // The pipeline itself was still answered in order, one reply per command.
      expect(replies.map((r) => r.responseTo)).toEqual(Array.from({ length: FLOOD }, (_, i) => i + 1));
      const places = replies.map(place);
      expect(places.every((p, i) => i === 0 || p > places[i - 1]!)).toBe(true);
      expect(new Set([...places, lone!.n]).size).toBe(FLOOD + 1);
      expect(Math.max(...places, lone!.n)).toBe(FLOOD + 1);
    } finally {
      flooder.close();
    }
  });

  it('interleaves two pipelines a command each', async () => {
    const db = server.db();
    await db.collection<{ _id: string; n: number }>('counter').insertOne({ _id: 'pair', n: 0 });
    const [a, b] = await Promise.all([rawConnection(), rawConnection()]);
    try {
      const pipeline = Buffer.concat(Array.from({ length: FLOOD }, (_, i) => tick(db.databaseName, 'pair', i + 1)));
      const answered = Promise.all([a.replies(FLOOD), b.replies(FLOOD)]);
      a.write(pipeline);
      b.write(pipeline);
      const [repliesA, repliesB] = await answered;
      const placesA = repliesA.map(place);
      const placesB = repliesB.map(place);

      // Taking turns, the i-th command (from 0) of either pipeline runs in turn i + 1, after i of its
      // own and at most i + 1 of the other's; running one pipeline first would put the other's
      // first command after 1,000.
      const fair = (places: number[]) => places.every((p, i) => p <= 2 * (i + 1) + SLACK);
      expect(fair(placesA)).toBe(true);
      expect(fair(placesB)).toBe(true);
      expect(new Set([...placesA, ...placesB]).size).toBe(2 * FLOOD);
    } finally {
      a.close();
      b.close();
    }
  });
});
