import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const scriptsDir = fileURLToPath(new URL('..', import.meta.url));
const devdbCli = fileURLToPath(new URL('../../devdb/src/cli.ts', import.meta.url));
const serveScript = fileURLToPath(new URL('../bench/support/serve.ts', import.meta.url));
// A process start on a loaded two-core machine (tsx compiling, indexes built) can take this long.
const START_TIMEOUT_MS = 90_000;

export interface Proc {
  readonly child: ChildProcess;
  /** What it printed first: devdb's URI, the BFF's URL. */
  readonly address: string;
  output(): string;
}

/** A port free now, so a devdb restarted after kill -9 comes back where the BFF looks for it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

// Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a second process,
// which a SIGKILL of the first would leave running.
function start(args: string[], env: Record<string, string>, name: string): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: scriptsDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} printed no address:\n${output}`)), START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited ${code}:\n${output}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', () => {
      const line = /^(\S+)\n/.exec(output);
      if (!line) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, address: line[1]!, output: () => output });
    });
  });
}

/** devdb as its own process, journalling to `dbPath` (fsynced before each acknowledgement). */
export function startDb(port: number, dbPath: string): Promise<Proc> {
  return start([devdbCli, '--port', String(port), '--dbpath', dbPath], {}, 'devdb');
}

/** The BFF as its own process (bench/support/serve.ts), on the database at `mongoUri`. */
export function startBff(mongoUri: string, env: Record<string, string>): Promise<Proc> {
  return start([serveScript, 'bff'], { ...env, MONGODB_URI: mongoUri }, 'bff');
}

/** Sends `signal` and resolves once the process is gone. */
export async function stop(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

export const alive = ({ child }: Proc) => child.exitCode === null && child.signalCode === null;
