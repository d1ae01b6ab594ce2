// Bring your own model: the reference server on its embedded database in this process, then a
// checkpoint imported, fine-tuned and distilled through the SDK. `--checkpoint PATH` names the
// checkpoint (default: the SmolLM2-shaped folder transformers wrote for the engine's import tests);
// `--quick` is the test-sized run.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Distillery } from '@distillery/sdk';
import { settingsFromEnv, startServer } from '@distillery/server';
import { runBringYourOwnModel } from './pipeline.ts';
import { resultsTable } from './report.ts';

const here = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    checkpoint: {
      type: 'string',
      default: join(here, '../../packages/engine/test/fixtures/import/smollm-f32'),
    },
    quick: { type: 'boolean', default: false },
  },
});
const started = performance.now();
const server = await startServer(
  settingsFromEnv({ port: 0, dataDir: process.env.DISTILLERY_DATA_DIR ?? join(here, '.data') }),
);
try {
  const result = await runBringYourOwnModel(new Distillery({ baseUrl: server.url }), {
    checkpoint: values.checkpoint,
    quick: values.quick,
    log: console.log,
  });
  console.log(`\nResults\n${resultsTable(result, (performance.now() - started) / 1000)}`);
} finally {
  await server.close();
}
