import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@warmcity/bff/config';
import { openTaskDeps } from '@warmcity/bff/accounts/tasks';
import { benchJwt } from '../bench/support/servers';
import { freePort, startBff, startDb, stop, type Proc } from './processes';

export type TaskDeps = Awaited<ReturnType<typeof openTaskDeps>>;

/** devdb (journal in a fresh directory, on a port fixed for its restarts) and the BFF, each its
 * own process, and the drill's own connection for seeding and checking. */
export interface Stack {
  readonly metricsToken: string;
  readonly db: Proc;
  readonly bff: Proc;
  readonly bffUrl: string;
  restartDb(): Promise<void>;
  restartBff(): Promise<void>;
  /** The drill's own connection (opened on first use, again after `dropDeps`). */
  deps(): Promise<TaskDeps>;
  dropDeps(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warmcity-fault-'));
  const port = await freePort();
  const metricsToken = randomBytes(24).toString('hex');
  const mongoUri = `mongodb://127.0.0.1:${port}/warmcity_fault?directConnection=true`;
  const bffEnv = { ...benchJwt, METRICS_TOKEN: metricsToken };
  let db = await startDb(port, dataDir);
  let bff = await startBff(mongoUri, bffEnv);
  let deps: TaskDeps | undefined;
  const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: mongoUri });
  return {
    metricsToken,
    get db() {
      return db;
    },
    get bff() {
      return bff;
    },
    get bffUrl() {
      return bff.address;
    },
    async restartDb() {
      await stop(db);
      db = await startDb(port, dataDir);
    },
    async restartBff() {
      await stop(bff);
      bff = await startBff(mongoUri, bffEnv);
    },
    async deps() {
      deps ??= await openTaskDeps(config, mongoUri);
      return deps;
    },
    async dropDeps() {
      await deps?.close();
      deps = undefined;
    },
    async close() {
      // A stopped devdb would leave the kills below waiting on nothing: wake it first.
      if (db.child.exitCode === null) db.child.kill('SIGCONT');
      await deps?.close().catch(() => undefined);
      await stop(bff);
      await stop(db);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
