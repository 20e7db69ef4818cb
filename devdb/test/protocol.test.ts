import net from 'node:net';
import { serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers';

const server = useServer();

function address(): { host: string; port: number } {
  const u = new URL(server.uri());
  return { host: u.hostname, port: Number(u.port) };
}

/** Sends raw bytes and reports whether the server closed the connection (and what it answered). */
function send(bytes: Buffer, waitMs = 300): Promise<{ closed: boolean; received: Buffer }> {
  return new Promise((resolve) => {
    const socket = net.connect(address());
    const chunks: Buffer[] = [];
    let closed = false;
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
    });
    socket.write(bytes);
    setTimeout(() => {
      socket.destroy();
      resolve({ closed, received: Buffer.concat(chunks) });
    }, waitMs);
  });
}

function header(length: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(1, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(body: Uint8Array): Buffer {
  return Buffer.concat([header(16 + 5 + body.length, 2013), Buffer.from([0, 0, 0, 0, 0]), body]);
}

async function stillServing(): Promise<void> {
  const coll = server.db().collection('survivor');
  expect(await coll.countDocuments()).toBe(1);
  expect(await server.db().command({ ping: 1 })).toEqual({ ok: 1 });
}

describe('bad input on the wire', () => {
  it('keeps serving after each kind of garbage, with stored data untouched', async () => {
    await server.db().collection('survivor').insertOne({ keep: true });

    expect((await send(header(8, 2013))).closed).toBe(true);
    expect((await send(header(48_000_001, 2013))).closed).toBe(true);
    expect((await send(header(-5, 2013))).closed).toBe(true);
    expect((await send(Buffer.concat([header(20, 9999), Buffer.alloc(4)]))).closed).toBe(true);

    const body = Buffer.from(serialize({ ping: 1, $db: 'admin' }));
    const corrupt = Buffer.from(body);
    corrupt.writeInt32LE(body.length + 100, 0);
    expect((await send(opMsg(corrupt))).closed).toBe(true);

    const badType = Buffer.from(body);
    badType[4] = 0x77;
    expect((await send(opMsg(badType))).closed).toBe(true);

    const badSection = opMsg(body);
    badSection[20] = 7;
    expect((await send(badSection)).closed).toBe(true);

    expect((await send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).closed).toBe(true);

    await stillServing();
  });

  it('answers a well-formed frame sent in pieces', async () => {
    const frame = opMsg(serialize({ ping: 1, $db: 'admin' }));
    const socket = net.connect(address());
    const reply = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    for (const byte of frame) socket.write(Buffer.from([byte]));
    const data = await reply;
    socket.destroy();
    expect(data.readInt32LE(12)).toBe(2013);
    expect(data.readInt32LE(8)).toBe(1);
  });

  it('does not reply to a moreToCome message', async () => {
    const body = serialize({
      insert: 'survivor',
      documents: [{ quiet: true }],
      $db: server.db().databaseName,
      writeConcern: { w: 0 },
    });
    const frame = opMsg(body);
    frame.writeUInt32LE(2, 16);
    const { closed, received } = await send(frame);
    expect(closed).toBe(false);
    expect(received.length).toBe(0);
    expect(await server.db().collection('survivor').countDocuments({ quiet: true })).toBe(1);
    await server.db().collection('survivor').deleteOne({ quiet: true });
  });
});
