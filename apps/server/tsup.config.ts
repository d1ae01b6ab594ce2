import { defineConfig } from 'tsup';

export default defineConfig({
  // The engine thread is its own entry: the worker starts it with `new Worker(url)`.
  entry: { cli: 'src/cli.ts', index: 'src/index.ts', 'engine-thread': 'src/jobs/engine-thread.ts' },
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
});
