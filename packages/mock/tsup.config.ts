import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', browser: 'src/browser.ts', prism: 'prism/prism.ts' },
  format: ['esm', 'cjs'],
  // The contract package is private: its types and spec are bundled in, never installed.
  dts: { resolve: ['@distillery/openapi', /^\.\/generated\//] },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // import.meta.url locates the bundled spec for Prism; shimmed in the CommonJS build.
  shims: true,
  async onSuccess() {
    const spec = createRequire(import.meta.url).resolve('@distillery/openapi/openapi.json');
    await copyFile(spec, 'dist/openapi.json');
  },
});
