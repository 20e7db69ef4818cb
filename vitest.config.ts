import { defineConfig } from 'vitest/config';

// One run, one summary: each package is a project with its own vitest.config.ts, and each
// names its `sequence.groupOrder` so the projects run one after another (shared, devdb, bff,
// miniapp, then the end-to-end tests in scripts) instead of fighting over two cores.
export default defineConfig({
  test: {
    projects: ['shared', 'devdb', 'bff', 'miniapp', 'scripts'],
  },
});
