import net from 'node:net';
import type { Document } from 'bson';
import type { Engine } from './engine';
import { stats } from './stats';
import { Turns } from './turns';
import { FrameReader } from './wire/frames';
import { decodeRequest, encodeMsg, encodeReply, MORE_TO_COME, type Request } from './wire/messages';

let nextConnectionId = 1;

/**
 * One connection: its frames run strictly in order, one per turn (see Turns), each only after the
 * previous one's reply is written. Anything the protocol layer cannot parse (bad length, unknown
 * opcode, invalid BSON) closes this connection and nothing else; frames it sent before still run.
 */
function serve(socket: net.Socket, engine: Engine, turns: Turns): void {
  const connectionId = nextConnectionId++;
  const reader = new FrameReader();
  // Decoded only when their turn comes, so a flood costs its sender's turns, not the read.
  let frames: Buffer[] = [];
  let head = 0;
  // A command of this connection is waiting for its turn or running.
  let busy = false;
  stats.connections.current++;
  stats.connections.totalCreated++;
  socket.setNoDelay(true);
  socket.on('close', () => stats.connections.current--);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    try {
      for (const frame of reader.push(chunk)) frames.push(frame);
    } catch {
      socket.destroy();
      return;
    }
    if (!busy && head < frames.length) {
      busy = true;
      turns.take(next);
    }
  });

  function next(): void {
    const frame = frames[head++]!;
    // Let go of the frames that have run, also from a queue a steady flood never lets empty.
    if (head === frames.length || head >= 1024) {
      frames = frames.slice(head);
      head = 0;
    }
    let request: Request;
    try {
      request = decodeRequest(frame);
    } catch {
      socket.destroy();
      frames = [];
      head = 0;
      busy = false;
      return;
    }
    handle(request).then(done, () => {
      socket.destroy();
      done();
    });
  }

  function done(): void {
    if (head < frames.length) turns.take(next);
    else busy = false;
  }

  async function handle(request: Request): Promise<void> {
    if (request.kind === 'query') {
      const db = request.collection.endsWith('.$cmd') ? request.collection.slice(0, -5) : request.collection;
      const cmd = (request.command.$query as Document | undefined) ?? request.command;
      const reply = await engine.execute(db, cmd, connectionId);
      if (!socket.destroyed) socket.write(encodeReply(request.requestId, reply));
      return;
    }
    const db = typeof request.command.$db === 'string' ? request.command.$db : 'admin';
    const reply = await engine.execute(db, request.command, connectionId);
    if (request.flags & MORE_TO_COME || socket.destroyed) return;
    socket.write(encodeMsg(request.requestId, reply));
  }
}

export interface Listener {
  port: number;
  /** Stops accepting and drops open connections (clients see a closed socket, as on shutdown). */
  close(): Promise<void>;
}

export function listen(engine: Engine, host: string, port: number): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const turns = new Turns();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, engine, turns);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
