import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // The contract package is private: its generated types are bundled into ours.
  dts: { resolve: ['@distillery/openapi', /^\.\/generated\//] },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Runs in browsers too: never let a Node polyfill or shim into the bundle.
  platform: 'neutral',
  external: ['openapi-fetch', /^node:/],
  // Deno resolves Node built-ins only by their `node:` names.
  removeNodeProtocol: false,
});
