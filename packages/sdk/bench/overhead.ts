// Per-call overhead of the SDK over a bare fetch to the same local node:http server, and the
// gzipped size of the built bundle. Run with `npm run bench` (builds first).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { Distillery } from '../dist/index.js';

const ITERATIONS = 3_000;
const WARMUP = 300;
const job = JSON.stringify({
  id: 'job_abc123',
  status: 'running',
  phase: 'training',
  progress: { training_step: 45, training_steps_total: 100 },
  results: {},
  cost_accrued: 0.82,
  created_at: '2026-04-19T12:00:00Z',
  updated_at: '2026-04-19T12:03:41Z',
});

const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_bench' });
  res.end(job);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new Distillery({ baseUrl });

async function medianMicros(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await call();
    samples.push((performance.now() - start) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

// Alternate the two so that drift in the machine's load affects both alike.
const bare: number[] = [];
const sdk: number[] = [];
for (let round = 0; round < 3; round++) {
  bare.push(await medianMicros(async () => (await fetch(`${baseUrl}/v1/distillation/job_abc123`)).json()));
  sdk.push(await medianMicros(() => client.jobs.get('job_abc123')));
}
server.close();

const best = (values: number[]) => Math.min(...values);
const root = join(import.meta.dirname, '..');
const esm = readFileSync(join(root, 'dist', 'index.js'));
// What a browser app ships: the SDK with openapi-fetch, minified.
const bundled = await build({
  entryPoints: [join(root, 'dist', 'index.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  external: ['node:*'],
  write: false,
});
const bundle = bundled.outputFiles[0]?.contents ?? new Uint8Array();
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

console.log(`GET /v1/distillation/{id}, median of ${ITERATIONS} calls, best of 3 rounds:`);
console.log(`  bare fetch + json():   ${best(bare).toFixed(0)} µs`);
console.log(`  client.jobs.get():     ${best(sdk).toFixed(0)} µs`);
console.log(`  SDK overhead per call: ${(best(sdk) - best(bare)).toFixed(0)} µs`);
console.log('Bundle size:');
console.log(`  dist/index.js: ${kib(esm.byteLength)} raw, ${kib(gzipSync(esm).byteLength)} gzipped`);
console.log(
  `  with openapi-fetch, minified: ${kib(bundle.byteLength)} raw, ${kib(gzipSync(bundle).byteLength)} gzipped`,
);
