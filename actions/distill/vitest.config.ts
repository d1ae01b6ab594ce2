import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test runs the action once on a bounded job, so a timeout is there only to catch a hang: on
    // a loaded two-core machine one run may take many times as long as usual, and still pass.
    testTimeout: 10 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
