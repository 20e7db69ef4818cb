import net from 'node:net';
import type { Document } from 'bson';
import type { Engine } from './engine';
import { stats } from './stats';
import { FrameReader } from './wire/frames';
import { decodeRequest, encodeMsg, encodeReply, MORE_TO_COME, type Request } from './wire/messages';

let nextConnectionId = 1;

/**
 * One connection: frames are handled strictly in order. Anything the protocol layer cannot
 * parse (bad length, unknown opcode, invalid BSON) closes this connection and nothing else.
 */
function serve(socket: net.Socket, engine: Engine): void {
  const connectionId = nextConnectionId++;
  const reader = new FrameReader();
  let queue = Promise.resolve();
  stats.connections.current++;
  stats.connections.totalCreated++;
  socket.setNoDelay(true);
  socket.on('close', () => stats.connections.current--);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    let requests: Request[];
    try {
      requests = reader.push(chunk).map(decodeRequest);
    } catch {
      socket.destroy();
      return;
    }
    for (const request of requests) {
      queue = queue.then(() => handle(request)).catch(() => void socket.destroy());
    }
  });

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
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, engine);
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
