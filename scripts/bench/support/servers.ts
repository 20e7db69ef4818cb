import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Sample } from './sampler';

/** A fresh signing key per run, shared by the BFF process and the load generator's tokens. */
export const benchJwt = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  JWT_ISSUER: 'warmcity-bff',
  JWT_AUDIENCE: 'warmcity-miniapp',
};

const children: ChildProcess[] = [];
const byAddress = new Map<string, ChildProcess>();
const samplesByAddress = new Map<string, Sample[]>();

/** Starts `serve.ts <mode>` and resolves with the first line it prints (its address). */
export function serve(
  mode: 'db' | 'bff' | 'hello' | 'ceiling-booking' | 'ceiling-charging' | 'ceiling-tributes' | 'ceiling-insurance',
  env: Record<string, string> = {},
): Promise<string> {
  const script = fileURLToPath(new URL('./serve.ts', import.meta.url));
  // `BENCH_CPU_PROF=dir` profiles each server (`--cpu-prof` is refused in NODE_OPTIONS); the
  // profiles are written when the server exits on SIGTERM.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${mode}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, mode], {
    env: { ...process.env, ...env },
    // With BENCH_SAMPLE_MS the server sends its resource samples over an IPC channel.
    stdio: env.BENCH_SAMPLE_MS ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const samples: Sample[] = [];
  child.on('message', (sample) => samples.push(sample as Sample));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (address) => {
      byAddress.set(address, child);
      samplesByAddress.set(address, samples);
      resolve(address);
    });
  });
}

/**
 * CPU milliseconds (user + system) the server at `address` has used so far, from /proc. Unlike a
 * rate, CPU spent per request barely moves when other work shares the machine, so it says where
 * a request's cost lies even on a busy CI runner.
 */
export function cpuMs(address: string): number {
  const pid = byAddress.get(address)?.pid;
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
// USER_HZ, 100 on every Linux configuration that matters here.
const CLOCK_TICKS_PER_SECOND = 100;

/** Runs `run` and says how many CPU milliseconds per operation `server` and the database at
 * `dbUri` spent on it, for `operations` operations. */
export async function costed<T>(server: string, dbUri: string, operations: number, run: () => Promise<T>) {
  const before = [cpuMs(server), cpuMs(dbUri)];
  const result = await run();
  const per = (ms: number) => Number((ms / operations).toFixed(2));
  return { result, serverMs: per(cpuMs(server) - before[0]!), dbMs: per(cpuMs(dbUri) - before[1]!) };
}

/** The samples the server at `address` has sent so far (none unless started with BENCH_SAMPLE_MS). */
export function samplesOf(address: string): readonly Sample[] {
  return samplesByAddress.get(address) ?? [];
}

export function stopServers(): void {
  for (const child of children) child.kill('SIGTERM');
}

/** Requests a second a bare Koa "hello" answers at this concurrency: what the machine can do at
 * all, so a scenario's rate reads as a ratio that travels between machines. */
export async function helloRps(connections: number, seconds: number): Promise<number> {
  const url = await serve('hello');
  const baseline = await autocannon({ url, connections, duration: seconds });
  return Math.round(baseline.requests.total / baseline.duration);
}
