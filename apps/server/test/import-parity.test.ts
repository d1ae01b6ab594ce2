import { join } from 'node:path';
import { CpuBackend, generate, loadModel, Rng, SafetensorsFile } from '@distillery/engine';
import { Distillery } from '@distillery/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type TestServer } from './support/harness.ts';

// A checkpoint written by transformers itself, imported through the API (multipart, by the SDK), is
// stored so that the model the jobs load from it computes what transformers computes.
const FIXTURES = join(import.meta.dirname, '../../../packages/engine/test/fixtures/import');

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ args: ['--no-worker'] });
});
afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

function relRms(a: Float32Array, b: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

interface Reference {
  prompts: { text: string; ids: number[]; ids_without_special_tokens: number[]; greedy_f64: number[] }[];
}

describe('a transformers checkpoint imported through the API', () => {
  it.each(['smollm-f32', 'smollm-bf16', 'sentencepiece-f32', 'llama3-rope'])(
    '%s: the stored model gives transformers’ logits, greedy tokens and token ids',
    async (folder) => {
      const dir = join(FIXTURES, folder);
      const client = new Distillery({ baseUrl: server.url });
      const imported = await client.models.import({ path: dir });
      const stored = join(server.dataDir, 'models', 'default', imported.id.slice('local/'.length));
      const { model, tokenizer } = await loadModel(stored, new CpuBackend());
      const ref = (await import(join(dir, 'reference.json'), { with: { type: 'json' } }))
        .default as Reference;
      const logits = await SafetensorsFile.open(join(dir, 'logits.safetensors'));
      try {
        for (const [i, p] of ref.prompts.entries()) {
          expect(tokenizer.encode(p.text)).toEqual(p.ids_without_special_tokens);
          const got = await model.logits(Int32Array.from(p.ids), 1, p.ids.length);
          expect(relRms(got, await logits.readF32(`logits.${i}`))).toBeLessThanOrEqual(1e-4);
          const [greedy] = await generate(model, [p.ids], {
            maxNewTokens: p.greedy_f64.length,
            temperature: 0,
            rng: new Rng(1),
          });
          expect(greedy!.tokens).toEqual(p.greedy_f64);
        }
      } finally {
        await logits.close();
        model.destroy();
      }
    },
  );

  it.each([
    ['smollm-f16.gguf', 5e-3],
    ['smollm-q8_0.gguf', 3e-2],
  ])('%s: the stored model gives llama.cpp’s logits within %s', async (file, bound) => {
    const client = new Distillery({ baseUrl: server.url });
    const imported = await client.models.import({ path: join(FIXTURES, 'gguf', file) });
    const stored = join(server.dataDir, 'models', 'default', imported.id.slice('local/'.length));
    const { model } = await loadModel(stored, new CpuBackend());
    const ref = (await import(join(FIXTURES, 'gguf', 'reference.json'), { with: { type: 'json' } }))
      .default as {
      files: Record<string, Reference>;
    };
    const logits = await SafetensorsFile.open(
      join(FIXTURES, 'gguf', file.replace(/\.gguf$/, '.logits.safetensors')),
    );
    try {
      for (const [i, p] of ref.files[file]!.prompts.entries()) {
        const got = await model.logits(Int32Array.from(p.ids), 1, p.ids.length);
        expect(relRms(got, await logits.readF32(`logits.${i}`))).toBeLessThanOrEqual(bound);
      }
    } finally {
      await logits.close();
      model.destroy();
    }
  });
});
