// One server of a benchmark in its own process, so the load generator, the BFF and the database
// each get a core as they would in production:
// `serve.ts db|bff|hello|ceiling-booking|ceiling-charging|ceiling-tributes|ceiling-insurance`. Prints the address it
// answers on as its first line of output, then serves until killed.
import Koa from 'koa';
import { startDevDb } from '@warmcity/devdb';
import { exitOnSignals, runBff } from '@warmcity/bff/run';
import { startBookingCeiling } from '../ceilings/booking';
import { startChargingCeiling } from '../ceilings/charging';
import { startInsuranceCeiling } from '../ceilings/insurance';
import { startTributesCeiling } from '../ceilings/tributes';
import { startSampling } from './sampler';

const mode = process.argv[2];

// The soak's samples of this process, sent to the parent that asked for them.
if (process.env.BENCH_SAMPLE_MS && process.send)
  startSampling(Number(process.env.BENCH_SAMPLE_MS), (sample) => process.send!(sample));

if (mode === 'db') {
  const db = await startDevDb();
  console.log(db.uri);
  process.once('SIGTERM', () => void db.stop().then(() => process.exit(0)));
} else if (mode === 'bff') {
  const running = await runBff({ env: { ...process.env, NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' } });
  console.log(running.url);
  exitOnSignals(running);
} else if (mode === 'hello') {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
} else if (
  mode === 'ceiling-booking' ||
  mode === 'ceiling-charging' ||
  mode === 'ceiling-tributes' ||
  mode === 'ceiling-insurance'
) {
  const env = process.env as Record<string, string>;
  const start = {
    'ceiling-booking': startBookingCeiling,
    'ceiling-charging': startChargingCeiling,
    'ceiling-tributes': startTributesCeiling,
    'ceiling-insurance': startInsuranceCeiling,
  }[mode];
  console.log(
    await start(env.MONGODB_URI!, {
      JWT_SECRET: env.JWT_SECRET!,
      JWT_ISSUER: env.JWT_ISSUER!,
      JWT_AUDIENCE: env.JWT_AUDIENCE!,
    }),
  );
  process.once('SIGTERM', () => process.exit(0));
} else {
  console.error('usage: serve.ts db|bff|hello|ceiling-booking|ceiling-charging|ceiling-tributes|ceiling-insurance');
  process.exit(2);
}
