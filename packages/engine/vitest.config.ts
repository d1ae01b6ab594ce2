import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test's work is fixed (steps, rows, shapes), so a timeout is there only to catch a hang: on a
    // loaded two-core machine a test may take many times as long as usual, and still pass.
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
  },
});
