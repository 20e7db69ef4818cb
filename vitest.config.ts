import { defineConfig } from 'vitest/config';

// One run, one summary: each package is a project with its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['shared', 'devdb', 'bff', 'miniapp', 'scripts'],
  },
});
