// The pure half of `pnpm bench`: read the scenarios' JSON lines, print them as a table, and
// compare their ratios with an earlier run's. Kept apart from the runner so it can be tested
// on made-up lines without running a benchmark.

export type BenchLine = { scenario: string } & Record<string, unknown>;

// The counts a scenario requires to be zero; the table shows whichever a line carries.
const REQUIRED_COUNTS = ['errors', 'oversold', 'double_booked', 'lost', 'miscounted'] as const;
const COLUMNS = ['scenario', 'rps', 'ceiling_rps', 'ratio', 'p50_ms', 'p99_ms', 'counts'] as const;
// A ratio may fall this far (as a fraction of the earlier one) before a run is flagged.
export const RATIO_TOLERANCE = 0.15;

export function parseLines(text: string): BenchLine[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as BenchLine).scenario !== 'string')
        throw new Error(`not a bench line: ${line}`);
      return parsed as BenchLine;
    });
}

function cell(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '-';
}

/** The lines with a required count other than zero: the runner fails on them even if the
 * scenario that printed them forgot to. */
export function wrongCounts(lines: readonly BenchLine[]): BenchLine[] {
  return lines.filter((line) => REQUIRED_COUNTS.some((key) => key in line && line[key] !== 0));
}

export function table(lines: readonly BenchLine[]): string {
  const rows = lines.map((line) => [
    line.scenario,
    cell(line.rps),
    cell(line.ceiling_rps),
    cell(line.ratio),
    cell(line.p50_ms),
    cell(line.p99_ms),
    REQUIRED_COUNTS.filter((key) => key in line)
      .map((key) => `${key}=${cell(line[key])}`)
      .join(' ') || '-',
  ]);
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) =>
      row
        .map((text, i) => text.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export type Regression = { scenario: string; before: number; after: number };

// A scenario missing from either run, or without a ratio, is not compared: there is nothing to
// fall from.
export function regressions(before: readonly BenchLine[], after: readonly BenchLine[]): Regression[] {
  const earlier = new Map(before.map((line) => [line.scenario, line.ratio]));
  return after.flatMap((line) => {
    const was = earlier.get(line.scenario);
    if (typeof was !== 'number' || typeof line.ratio !== 'number') return [];
    return line.ratio < was * (1 - RATIO_TOLERANCE)
      ? [{ scenario: line.scenario, before: was, after: line.ratio }]
      : [];
  });
}
