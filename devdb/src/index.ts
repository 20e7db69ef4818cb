import { Engine } from './engine';
import { listen } from './server';
import { openStore } from './storage/store';
import { startTtlMonitor } from './ttl';

export interface DevDbOptions {
  /** TCP port; 0 or absent picks a free one. */
  port?: number;
  host?: string;
  /** Data directory; absent means in memory only. */
  dbPath?: string;
  /** How often expired TTL documents are removed (mongod: 60 s). */
  ttlMonitorIntervalMs?: number;
  /** Journal size at which it is folded into a new snapshot (default 64 MiB). */
  journalCompactBytes?: number;
}

export interface DevDb {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export async function startDevDb(options: DevDbOptions = {}): Promise<DevDb> {
  const host = options.host ?? '127.0.0.1';
  const engine = new Engine();
  const store = options.dbPath ? await openStore(options.dbPath, engine, options.journalCompactBytes) : undefined;
  let listener;
  try {
    listener = await listen(engine, host, options.port ?? 0);
  } catch (e) {
    await store?.close();
    throw e;
  }
  const ttl = startTtlMonitor(engine, options.ttlMonitorIntervalMs ?? 60_000);
  const port = listener.port;
  const uriHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://${uriHost}:${port}/?directConnection=true`,
    port,
    stop() {
      stopped ??= (async () => {
        ttl.stop();
        await listener.close();
        await store?.close();
      })();
      return stopped;
    },
  };
}
