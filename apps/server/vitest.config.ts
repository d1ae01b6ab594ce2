import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file starts real servers (PGlite + pg-boss); two cores are shared, so run files one by one.
    fileParallelism: false,
    // Every test's work is bounded (a few short trainings, a fixed number of requests), so these only
    // stop a hang: on a loaded two-core machine a test may take many times as long as usual.
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});
