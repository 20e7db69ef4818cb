import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'miniapp',
    sequence: { groupOrder: 3 },
    include: ['test/**/*.test.ts?(x)'],
    // Defines what the Taro build injects (the contract's route table and problem texts).
    setupFiles: ['test/setup.ts'],
    // The weapp smoke test loads a production bundle; give it room on slow machines.
    testTimeout: 30_000,
  },
});
