// The quick start's main job: the reference server on its embedded database (PGlite) in this
// process, then the SpamAssassin distillation through the SDK. `--quick` is the test-sized run.
// With DISTILLERY_BASE_URL set, it uses that server instead of starting one; DISTILLERY_DATA_DIR
// moves the embedded server's data (default .data/ here, kept between runs).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Distillery } from '@distillery/sdk';
import { settingsFromEnv, startServer } from '@distillery/server';
import { runSpamTriage } from './pipeline.ts';
import { resultsTable } from './report.ts';

const quick = process.argv.includes('--quick');
const here = join(import.meta.dirname, '..');
const started = performance.now();

const server = process.env.DISTILLERY_BASE_URL
  ? null
  : await startServer(
      settingsFromEnv({
        port: 0,
        dataDir: process.env.DISTILLERY_DATA_DIR ?? join(here, '.data', quick ? 'quick' : 'full'),
      }),
    );
const baseUrl = server?.url ?? process.env.DISTILLERY_BASE_URL!;
console.log(`Distillery server: ${baseUrl}${server ? ' (embedded PGlite, started by this script)' : ''}`);

try {
  const outDir = join(here, 'out');
  await mkdir(outDir, { recursive: true });
  const result = await runSpamTriage(new Distillery({ baseUrl }), { quick, outDir, log: console.log });
  console.log(`\nResults\n${resultsTable(result, (performance.now() - started) / 1000)}`);
} finally {
  await server?.close();
}
