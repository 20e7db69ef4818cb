import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseLines, regressions, table, wrongCounts, type BenchLine } from './report';

// `pnpm bench [scenario] [--quick] [--out FILE] [--compare FILE]`: each scenario is a module in
// this folder that prints JSON lines. With a scenario it runs in this process, as before; without
// one every scenario runs in its own child, so one scenario's servers and heap cannot skew the next.
const scenarios = ['devdb', 'booking', 'tributes', 'charging', 'insurance', 'fairness', 'mixed'] as const;
// Run only when named: the soak alone takes ten minutes, and the scale-out repeats the booking
// burst twice.
const namedOnly = ['soak', 'scaleout'] as const;
const here = dirname(fileURLToPath(import.meta.url));

const [first, ...rest] = process.argv.slice(2);
if (first && !first.startsWith('-')) {
  if (!([...scenarios, ...namedOnly] as readonly string[]).includes(first)) {
    console.error(
      `usage: pnpm bench [${[...scenarios, ...namedOnly].join('|')}] [--quick] [--out FILE] [--compare FILE]`,
    );
    process.exit(2);
  }
  process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
  await import(`./${first}.ts`);
} else {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean' }, out: { type: 'string' }, compare: { type: 'string' } },
  });
  const lines: BenchLine[] = [];
  const failed: string[] = [];
  for (const scenario of scenarios) {
    console.error(`bench: ${scenario}…`);
    const { code, stdout } = await runChild(scenario, values.quick ? ['--quick'] : []);
    try {
      lines.push(...parseLines(stdout));
    } catch (error) {
      // A scenario that prints a broken line has failed, but the others' figures still count.
      console.error(`bench: ${scenario}: ${(error as Error).message}`);
      failed.push(scenario);
      continue;
    }
    if (code !== 0) failed.push(scenario);
  }
  console.log(table(lines));
  if (values.out) writeFileSync(values.out, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  if (values.compare) {
    const fallen = regressions(parseLines(readFileSync(values.compare, 'utf8')), lines);
    for (const { scenario, before, after } of fallen)
      console.error(`bench: ${scenario} ratio fell from ${before} to ${after}`);
    if (fallen.length > 0) process.exitCode = 1;
  }
  for (const line of wrongCounts(lines)) {
    console.error(`bench: ${line.scenario}: a required count is not zero`);
    process.exitCode = 1;
  }
  if (failed.length > 0) {
    console.error(`bench: failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

// stderr passes straight through so a scenario's own complaints are seen as they happen.
function runChild(scenario: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, `${scenario}.ts`), ...args], {
      // tsx is resolved from the bench folder whichever directory the runner was started in.
      cwd: here,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}
