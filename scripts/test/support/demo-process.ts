import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DemoProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}

/** `npm start` as its own process (scripts/start.ts: embedded devdb on `dataDir`, the seed, the
 * BFF) on a random port; resolves once it prints its URL. */
export async function startDemo(dataDir: string, env: Record<string, string> = {}): Promise<DemoProcess> {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a second process,
  // which a SIGKILL of the first would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'start.ts'], {
    cwd: scriptsDir,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', DEVDB_PATH: dataDir, MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      // The banner ends with the stop hint; the URL line may arrive in an earlier chunk.
      const match = /open (http:\/\/\S+)[\s\S]*stop: Ctrl-C/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

/** Sends `signal` and resolves with the exit code (null when a signal ended it). */
export async function stopDemo(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill(signal);
  return exited;
}
