import { fail } from '../errors';
import { stats } from '../stats';
import type { CommandContext, CommandHandler } from './context';

// Mirrors mongod 7.0 as a standalone. No topologyVersion: with it the driver switches to the
// streaming (awaitable) hello, which devdb does not implement, so it keeps polling instead.
function hello(legacy: boolean): CommandHandler {
  return (_cmd, ctx) => ({
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: 16777216,
    maxMessageSizeBytes: 48000000,
    maxWriteBatchSize: 100000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  });
}

const VERSION = '7.0.0';

const buildInfo: CommandHandler = () => ({
  version: VERSION,
  gitVersion: 'devdb',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16777216,
  storageEngines: ['devdb'],
  modules: [],
  ok: 1,
});

const serverStatus: CommandHandler = (_cmd, ctx: CommandContext) => ({
  host: 'devdb',
  version: VERSION,
  process: 'devdb',
  pid: process.pid,
  uptime: Math.floor((Date.now() - stats.startedAt) / 1000),
  uptimeMillis: Date.now() - stats.startedAt,
  localTime: new Date(),
  connections: { current: stats.connections.current, totalCreated: stats.connections.totalCreated, available: 1000 },
  opcounters: { ...stats.opcounters },
  metrics: {
    document: { ttlDeleted: stats.ttlDeleted, returned: stats.docsReturned },
    queryExecutor: { scanned: stats.keysExamined, scannedObjects: stats.docsExamined },
    cursor: { open: { total: ctx.cursors.size } },
  },
  devdb: { docsExamined: stats.docsExamined, keysExamined: stats.keysExamined },
  mem: { resident: Math.round(process.memoryUsage().rss / 2 ** 20), bits: 64 },
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

// A standalone mongod refuses anything transactional with exactly this error.
const noTransactions: CommandHandler = () =>
  fail(20, 'Transaction numbers are only allowed on a replica set member or mongos');

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: hello(false),
  ismaster: hello(true),
  ping: ok,
  buildinfo: buildInfo,
  serverstatus: serverStatus,
  endsessions: ok,
  killsessions: ok,
  killallsessions: ok,
  refreshsessions: ok,
  logout: ok,
  whatsmyuri: (_cmd, ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  getcmdlineopts: () => ({ argv: ['devdb'], parsed: {}, ok: 1 }),
  getparameter: (cmd) => ({
    ...(cmd.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' } } : {}),
    ok: 1,
  }),
  hostinfo: () => ({
    system: { currentTime: new Date(), hostname: 'devdb', numCores: 1 },
    os: { type: process.platform },
    extra: {},
    ok: 1,
  }),
  connectionstatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getlog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  committransaction: noTransactions,
  aborttransaction: noTransactions,
};

export { noTransactions };
