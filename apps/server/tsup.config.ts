import { defineConfig } from 'tsup';

export default defineConfig({
  // The engine and serving threads are entries of their own: they start with `new Worker(url)`.
  entry: {
    cli: 'src/cli.ts',
    index: 'src/index.ts',
    'engine-thread': 'src/jobs/engine-thread.ts',
    'serving-thread': 'src/serving/thread.ts',
  },
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
});
