import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'scripts',
    sequence: { groupOrder: 4 },
    include: ['e2e/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time: the machines have two cores and the BFF shares them.
    fileParallelism: false,
  },
});
