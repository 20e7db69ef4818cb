import { expect, it } from 'vitest';
import { parseLines, regressions, table, wrongCounts } from '../bench/report';

const run = [
  '{"scenario":"devdb","insertsPerSec":5000}',
  'not json: a scenario may print progress',
  '{"scenario":"booking-burst","rps":300,"ceiling_rps":500,"ratio":0.6,"p50_ms":40,"p99_ms":90,"oversold":0,"errors":0}',
  '{"scenario":"tributes-burst","rps":700,"ceiling_rps":1000,"ratio":0.7,"p50_ms":10,"p99_ms":30,"lost":0,"errors":2}',
].join('\n');

it('reads only the JSON lines, in order', () => {
  expect(parseLines(run).map((line) => line.scenario)).toEqual(['devdb', 'booking-burst', 'tributes-burst']);
});

it('refuses a JSON line without a scenario', () => {
  expect(() => parseLines('{"rps":1}')).toThrow('not a bench line');
});

it('prints one row per line with the counts each scenario carries', () => {
  expect(table(parseLines(run)).split('\n')).toEqual([
    'scenario        rps  ceiling_rps  ratio  p50_ms  p99_ms  counts',
    'devdb           -    -            -      -       -       -',
    'booking-burst   300  500          0.6    40      90      errors=0 oversold=0',
    'tributes-burst  700  1000         0.7    10      30      errors=2 lost=0',
  ]);
});

it('flags a ratio that fell more than 15% and nothing else', () => {
  const before = parseLines(
    [
      '{"scenario":"booking-burst","ratio":0.71}',
      '{"scenario":"tributes-burst","ratio":0.8}',
      '{"scenario":"devdb","ratio":1}',
    ].join('\n'),
  );
  // booking fell from 0.71 to 0.6 (15.5%), tributes from 0.8 to 0.7 (12.5%); devdb has no ratio now.
  expect(regressions(before, parseLines(run))).toEqual([{ scenario: 'booking-burst', before: 0.71, after: 0.6 }]);
});

it('does not compare a scenario the earlier run did not have', () => {
  expect(regressions([], parseLines(run))).toEqual([]);
});

it('finds the lines whose required counts are not all zero', () => {
  const lines = parseLines(
    [
      run,
      '{"scenario":"mixed","errors":0,"oversold":0,"double_booked":0,"lost":0,"miscounted":1}',
      '{"scenario":"soak","errors":0,"lost":-1}',
    ].join('\n'),
  );
  expect(wrongCounts(lines).map((line) => line.scenario)).toEqual(['tributes-burst', 'mixed', 'soak']);
});
