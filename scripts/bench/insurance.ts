// `pnpm bench insurance [--quick]`: signed-in, bound residents reading 我的医保 (summary) and one
// year of contributions through the real HTTP API (BFF and devdb each in their own process),
// over a registry of 100,000 persons with 12 months each (1.2 M contribution records), loaded by
// the streaming import from generated CSV files: the contributions file's import, in its own
// process, gives import_rows_per_s and its peak RSS. Documents examined and returned per request
// come from the server's own counters over the measured burst. The same residents then read the
// same two answers from the driver-level yardstick (ceilings/insurance.ts) on the same database
// process (after a check that both give the same answers), and a bare Koa "hello" is measured for
// reference; `ratio = rps / ceiling_rps`. Prints one JSON line.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { bindIdentityAsSystem, upsertDevAccount } from '@warmcity/bff/accounts/tasks';
import { signAccessToken } from '@warmcity/bff/platform/session';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { burst, compared, warm } from './support/burst';
import { benchJwt as jwt, helloRps, serve, stopServers } from './support/servers';

const quick = process.argv.includes('--quick');
const PERSONS = quick ? 1000 : 100_000;
const MONTHS = 12;
const RESIDENTS = quick ? 100 : 2000;
const REQUESTS = quick ? 2000 : 40_000;
const CONCURRENCY = 100;
const BASELINE_SECONDS = quick ? 2 : 8;
/** The import's peak RSS may not pass this, at any file size: a full run (1.2 M rows) peaks near
 * 250 MB and a quick one (12,000) near 160 MB, so the batch, not the file, sets the memory; rows
 * held whole would need well over a gigabyte. */
const IMPORT_RSS_LIMIT_MB = 384;

const DAY_MS = 86_400_000;
const FIRST_BIRTH = Date.UTC(1960, 0, 1);
const BIRTH_DAYS = 14_000;

/** Person i: a made-up 越城区 number, unique by birth day and sequence, with a valid check digit. */
function person(i: number) {
  const birth = new Date(FIRST_BIRTH + (i % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `330602${birth}${String(900 + Math.floor(i / BIRTH_DAYS)).padStart(3, '0')}`;
  return { idNumber: `${first17}${idNumberCheckChar(first17)}`, name: `测试${String(i).padStart(6, '0')}` };
}

/** The twelve months before this one, China time. */
function lastTwelveMonths(now: Date): string[] {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  return Array.from({ length: MONTHS }, (_, k) =>
    new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - MONTHS + k, 1)).toISOString().slice(0, 7),
  );
}

async function writeLines(path: string, header: string, rows: (i: number) => Iterable<string>, count: number) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i += 1) {
    for (const line of rows(i)) if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface ImportRun {
  rows: number;
  accepted: number;
  rejected: number;
  upserted: number;
  seconds: number;
  rssMb: number;
}

function runImport(kind: string, file: string, env: Record<string, string>): Promise<ImportRun> {
  const script = fileURLToPath(new URL('./support/import-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, kind, file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => code !== 0 && reject(new Error(`import ${kind} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as ImportRun));
  });
}

async function counters(connection: mongoose.Connection) {
  const status = await connection.db!.admin().command({ serverStatus: 1 });
  return {
    examined: Number(status.metrics.queryExecutor.scannedObjects),
    returned: Number(status.metrics.document.returned),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'warmcity-bench-insurance-'));
try {
  const dbUri = await serve('db');
  const mongoUri = dbUri.replace('/?', '/warmcity_bench?');
  const env = { ...jwt, NODE_ENV: 'test', MONGODB_URI: mongoUri };
  // Started first: its start builds the indexes the import's upserts and the reads rely on.
  const bffUrl = await serve('bff', env);
  const ceilingUrl = await serve('ceiling-insurance', env);
  const config = loadConfig({ ...process.env, ...env });

  const personsCsv = join(dir, 'persons.csv');
  const contributionsCsv = join(dir, 'contributions.csv');
  const periods = lastTwelveMonths(new Date());
  await writeLines(
    personsCsv,
    'idNumber,name,insuranceType,status,region,since',
    (i) => {
      const { idNumber, name } = person(i);
      return [`${idNumber},${name},employee,active,越城区,2010-01-01`];
    },
    PERSONS,
  );
  await writeLines(
    contributionsCsv,
    'idNumber,period,baseFen,employerFen,personalFen,status',
    function* (i) {
      const { idNumber } = person(i);
      const base = 400_000 + (i % 160) * 10_000;
      for (const [k, period] of periods.entries()) {
        const status = (i + k) % 40 === 0 ? 'arrears' : 'paid';
        yield `${idNumber},${period},${base},${Math.round(base * 0.065)},${Math.round(base * 0.02)},${status}`;
      }
    },
    PERSONS,
  );
  const persons = await runImport('persons', personsCsv, env);
  const imported = await runImport('contributions', contributionsCsv, env);

  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const residents = Array.from({ length: RESIDENTS }, (_, k) => ({
    accountId: new mongoose.Types.ObjectId().toHexString(),
    ...person(Math.floor((k * PERSONS) / RESIDENTS)),
  }));
  for (let k = 0; k < residents.length; k += 50) {
    await Promise.all(
      residents.slice(k, k + 50).map(async (r) => {
        const code = `bench-${r.accountId}`;
        await upsertDevAccount(connection, { id: r.accountId, code, label: r.name, roles: ['resident'] }, new Date());
        await bindIdentityAsSystem(connection, config, r.accountId, r);
      }),
    );
  }
  const tokens = residents.map((r) => signAccessToken(jwt, { id: r.accountId, roles: ['resident'], scopes: [] }));
  const year = Number(periods.at(-1)!.slice(0, 4));
  const paths = ['/me', `/me/contributions?year=${year}`];

  // Each resident reads their summary, then a year of contributions.
  const requestOf = (prefix: string) => (n: number) => ({
    path: `${prefix}${paths[n % paths.length]!}`,
    headers: { authorization: `Bearer ${tokens[Math.floor(n / paths.length) % tokens.length]}` },
  });
  const request = requestOf('/api/insurance');
  const ceilingRequest = requestOf('');
  await warm(`${bffUrl}/readyz`, CONCURRENCY);
  await warm(ceilingUrl, CONCURRENCY);
  const warmup = Math.min(REQUESTS / 4, 2000);
  await burst(bffUrl, { connections: CONCURRENCY, amount: warmup, method: 'GET', request });
  await burst(ceilingUrl, { connections: CONCURRENCY, amount: warmup, method: 'GET', request: ceilingRequest });
  const before = await counters(connection);
  const statuses = new Map<number, number>();
  const measured = await burst(bffUrl, {
    connections: CONCURRENCY,
    amount: REQUESTS,
    method: 'GET',
    request,
    onResponse: (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1),
  });
  const answered = statuses.get(200) ?? 0;
  const after = await counters(connection);
  // The yardstick must answer what the route answers, or it measures a different operation.
  const answerOf = async (url: string, n: number) => {
    const { path, headers } = (url === bffUrl ? request : ceilingRequest)(n);
    return (await fetch(`${url}${path}`, { headers })).json();
  };
  const sameAnswers = (
    await Promise.all(
      [0, 1].map(async (n) => isDeepStrictEqual(await answerOf(bffUrl, n), await answerOf(ceilingUrl, n))),
    )
  ).every(Boolean);
  let ceilingAnswered = 0;
  const ceiling = await burst(ceilingUrl, {
    connections: CONCURRENCY,
    amount: REQUESTS,
    method: 'GET',
    request: ceilingRequest,
    onResponse: (status) => {
      if (status === 200) ceilingAnswered += 1;
    },
  });
  const stored = {
    persons: await connection.db!.collection('insured_persons').countDocuments(),
    contributions: await connection.db!.collection('insurance_contributions').estimatedDocumentCount(),
  };
  await connection.close();

  const baselineRps = await helloRps(CONCURRENCY, BASELINE_SECONDS);
  const perRequest = (n: number) => Number((n / REQUESTS).toFixed(2));
  const result = {
    scenario: 'insurance-lookup',
    persons: stored.persons,
    contribution_records: stored.contributions,
    concurrency: CONCURRENCY,
    requests: [...statuses.values()].reduce((sum, count) => sum + count, 0),
    // Every request that did not answer 200 (refused, failed, timed out), and any row either
    // import refused.
    errors: REQUESTS - answered + persons.rejected + imported.rejected,
    ...compared(measured, ceiling, baselineRps),
    docs_examined_per_request: perRequest(after.examined - before.examined),
    docs_returned_per_request: perRequest(after.returned - before.returned),
    import_rows_per_s: Math.round(imported.rows / imported.seconds),
    import_rss_mb: imported.rssMb,
  };
  console.log(JSON.stringify(result));
  if (result.errors !== 0) console.error('statuses:', Object.fromEntries(statuses), 'failed:', measured.failed);
  // A yardstick that refuses a resident measures nothing: its answers are required too.
  const ceilingCorrect = ceiling.failed === 0 && ceilingAnswered === REQUESTS && sameAnswers;
  if (!ceilingCorrect)
    console.error('insurance ceiling failed:', JSON.stringify({ ceiling, ceilingAnswered, sameAnswers }));
  const rssBounded = result.import_rss_mb <= IMPORT_RSS_LIMIT_MB;
  if (!rssBounded)
    console.error(`insurance import peaked at ${result.import_rss_mb} MB, over ${IMPORT_RSS_LIMIT_MB} MB`);
  // The figures are reported, the invariants are required: no error, every document examined is
  // one the request returned (the indexes find exactly what is read), and the import's memory
  // bounded.
  if (
    result.errors !== 0 ||
    result.docs_examined_per_request > result.docs_returned_per_request ||
    !ceilingCorrect ||
    !rssBounded
  )
    process.exitCode = 1;
} finally {
  stopServers();
  rmSync(dir, { recursive: true, force: true });
}
