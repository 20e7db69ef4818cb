import { parseArgs } from 'node:util';
import { startDevDb } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dbpath: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'ttl-interval-ms': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`devdb: invalid --port ${values.port}`);
  process.exit(2);
}

try {
  const db = await startDevDb({
    port,
    host: values.host,
    dbPath: values.dbpath,
    ttlMonitorIntervalMs: values['ttl-interval-ms'] ? Number(values['ttl-interval-ms']) : undefined,
  });
  console.log(db.uri);
  const shutdown = () => {
    void db.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
