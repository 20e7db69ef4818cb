import { startDevDb } from '@warmcity/devdb';
import { runBff } from '@warmcity/bff/run';
import { seedDemo } from '../../seed/index';

export interface Stack {
  /** Where the BFF serves the built H5 app and the API, one origin as in the demo. */
  readonly url: string;
  stop(): Promise<void>;
}

/** The demo as `npm start` runs it, but in memory and on a random port: devdb, the seed, the
 * BFF serving `miniapp/dist/h5`. */
export async function startStack(): Promise<Stack> {
  const devdb = await startDevDb();
  const running = await runBff({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      MONGODB_URI: devdb.uri.replace('/?', '/warmcity_e2e?'),
    },
    prepare: async (connection) => {
      await seedDemo(connection);
    },
  });
  return {
    url: running.url,
    async stop() {
      await running.shutdown('e2e done');
      await devdb.stop();
    },
  };
}
