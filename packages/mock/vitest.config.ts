import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test's work is bounded; the limit only stops a hang, however loaded the machine is.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
