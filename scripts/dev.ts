// `pnpm dev`: devdb on a fixed port with the persistent data directory, the BFF restarting on
// every change, and Taro's H5 dev server (which proxies /api to the BFF). Ctrl-C stops all three.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevDb } from '@warmcity/devdb';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const devdbPort = Number(process.env.DEVDB_PORT ?? 27017);

const db = await startDevDb({ port: devdbPort, dbPath: join(root, '.data', 'db') });
const mongodbUri = process.env.MONGODB_URI ?? db.uri;
console.log(`devdb  ${db.uri}`);

const children: ChildProcess[] = [
  spawn(join(root, 'node_modules', '.bin', 'tsx'), ['watch', 'src/main.ts'], {
    cwd: join(root, 'bff'),
    stdio: 'inherit',
    env: { ...process.env, MONGODB_URI: mongodbUri },
  }),
  spawn('npx', ['taro', 'build', '--type', 'h5', '--watch'], { cwd: join(root, 'miniapp'), stdio: 'inherit' }),
];

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
    ),
  );
  await db.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.once('exit', () => void stop());
