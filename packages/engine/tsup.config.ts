import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // The contract package is private: the spec's types are bundled into ours.
  dts: { resolve: ['@distillery/openapi', /^\.\/generated\//] },
  sourcemap: true,
  clean: true,
  target: 'node22',
});
