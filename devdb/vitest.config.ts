import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'devdb',
    sequence: { groupOrder: 1 },
    include: ['test/**/*.test.ts'],
    // The durability test starts child servers; everything else is fast.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
