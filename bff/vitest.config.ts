import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bff',
    sequence: { groupOrder: 2 },
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/leak-scan.ts', 'test/sweep/summary.ts'],
    // Type tests compile only themselves and what they import; `tsc -p bff/tsconfig.json` checks the rest.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.typecheck.json' },
    // Each integration file starts its own devdb and app; two cores, so keep files few at a time.
    maxWorkers: 2,
    // Files share a worker's module cache: the app's import graph loads once per worker, not per file.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
