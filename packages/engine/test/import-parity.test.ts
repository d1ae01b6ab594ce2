/**
 * Imported checkpoints against the programs that wrote them. Hugging Face folders saved by
 * transformers itself (F32, sharded BF16, F16; a byte-level BPE and a SentencePiece-style tokenizer;
 * llama3 RoPE scaling with a head_dim of its own; attention and MLP biases) must give transformers'
 * logits (float64 reference, relative RMS ≤ 1e-4), its greedy continuations and its tokenizer's ids;
 * the GGUF files llama.cpp's own converter wrote from them must give llama.cpp's logits, within what
 * f16 and q8_0 rounding allows. The fixtures and their provenance: test/fixtures/import/README.md, scripts/import-fixtures.py.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { relRms } from '../src/export/__fixtures__/models.ts';
import { loadCheckpoint } from '../src/import/import-model.ts';
import { SafetensorsFile } from '../src/import/safetensors-reader.ts';
import { generate } from '../src/model/generate.ts';
import { Rng } from '../src/util/rng.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/import');

interface PromptReference {
  text: string;
  ids: number[];
  ids_without_special_tokens: number[];
  greedy_f64: number[];
}
interface Reference {
  legacy_config: Record<string, unknown>;
  prompts: PromptReference[];
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

async function readLogits(path: string, i: number): Promise<Float32Array> {
  const file = await SafetensorsFile.open(path);
  try {
    return await file.readF32(`logits.${i}`);
  } finally {
    await file.close();
  }
}

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('Hugging Face checkpoints written by transformers', () => {
  for (const [folder, dtype] of [
    ['smollm-f32', 'F32'],
    ['smollm-bf16', 'BF16'],
    ['sentencepiece-f32', 'F32'],
    ['sentencepiece-f16', 'F16'],
    ['llama3-rope', 'F32'],
    ['biased-f32', 'F32'],
  ] as const) {
    it(`${folder}: transformers' logits, greedy continuation and token ids`, async () => {
      const dir = join(FIXTURES, folder);
      const ref = await readJson<Reference>(join(dir, 'reference.json'));
      const { model, tokenizer, summary } = await loadCheckpoint(dir, new CpuBackend());
      try {
        expect(summary).toMatchObject({ architecture: 'LlamaForCausalLM', format: 'safetensors', dtype });
        expect(summary.tokenizer_type).toBe(
          folder.startsWith('sentencepiece') ? 'sentencepiece-bpe' : 'byte-level-bpe',
        );
        if (folder === 'llama3-rope') {
          expect(model.config.headDim).toBe(32);
          expect(model.config.ropeScaling?.type).toBe('llama3');
        }
        if (folder === 'biased-f32')
          expect(model.config).toMatchObject({ attentionBias: true, mlpBias: true });
        for (const [i, p] of ref.prompts.entries()) {
          expect(tokenizer.encode(p.text)).toEqual(p.ids_without_special_tokens);
          const logits = await model.logits(Int32Array.from(p.ids), 1, p.ids.length);
          const want = await readLogits(join(dir, 'logits.safetensors'), i);
          const err = relRms(logits, want);
          console.log(`${folder} prompt ${i}: logits rel. RMS vs transformers ${err.toExponential(2)}`);
          expect(err).toBeLessThanOrEqual(1e-4);
          // transformers generated without an eos stop, so all 24 tokens compare.
          const [greedy] = await generate(model, [p.ids], {
            maxNewTokens: p.greedy_f64.length,
            temperature: 0,
            rng: new Rng(1),
          });
          expect(greedy!.tokens).toEqual(p.greedy_f64);
        }
      } finally {
        model.destroy();
      }
    });
  }

  it('reads the transformers 4 spelling of the same config (rope_theta, rope_scaling) alike', async () => {
    for (const folder of ['smollm-f32', 'llama3-rope']) {
      const dir = join(FIXTURES, folder);
      const ref = await readJson<Reference>(join(dir, 'reference.json'));
      const legacy = await mkdtemp(join(tmpdir(), 'distillery-legacy-'));
      dirs.push(legacy);
      await cp(dir, legacy, { recursive: true });
      await writeFile(join(legacy, 'config.json'), JSON.stringify(ref.legacy_config));
      const [a, b] = [
        await loadCheckpoint(dir, new CpuBackend()),
        await loadCheckpoint(legacy, new CpuBackend()),
      ];
      expect(b.model.config).toEqual(a.model.config);
      a.model.destroy();
      b.model.destroy();
    }
  });
});

interface GgufReference {
  files: Record<
    string,
    {
      prompts: {
        ids: number[];
        text: string;
        llama_cpp_tokenize: number[];
        tokenizers_ids_without_special_tokens: number[];
        llama_cpp_greedy: number[];
      }[];
    }
  >;
}

/**
 * Bounds on the relative RMS between our logits and llama.cpp's for the same file. Both dequantise
 * the same bytes, so what is left is llama.cpp's own rounding on the CPU (activations quantised to
 * q8_0 against q8_0 weights, an f16 KV cache). Measured: f16 1.0e-3 to 1.2e-3, q8_0 2.2e-2 to 2.6e-2.
 * Greedy tokens are compared for f16 only: q8_0's rounding moves near-tied argmaxes.
 */
const GGUF_BOUNDS: Record<string, number> = { f16: 5e-3, q8_0: 3e-2 };

describe('GGUF files written by llama.cpp’s converter', async () => {
  const ref = await readJson<GgufReference>(join(FIXTURES, 'gguf/reference.json'));
  for (const [file, entry] of Object.entries(ref.files)) {
    const type = /-(f16|q8_0)\.gguf$/.exec(file)![1]!;
    const what = type === 'f16' ? ', and its greedy continuation' : '';
    it(`${file}: llama.cpp's logits within ${GGUF_BOUNDS[type]}${what}`, async () => {
      const { model, tokenizer } = await loadCheckpoint(join(FIXTURES, 'gguf', file), new CpuBackend());
      try {
        for (const [i, p] of entry.prompts.entries()) {
          const logits = await model.logits(Int32Array.from(p.ids), 1, p.ids.length);
          const want = await readLogits(
            join(FIXTURES, 'gguf', file.replace(/\.gguf$/, '.logits.safetensors')),
            i,
          );
          const err = relRms(logits, want);
          console.log(`${file} prompt ${i}: logits rel. RMS vs llama.cpp ${err.toExponential(2)}`);
          expect(err).toBeLessThanOrEqual(GGUF_BOUNDS[type]!);
          // The vocabulary rebuilt from the GGUF's metadata tokenises as the checkpoint's
          // tokenizer.json does. llama.cpp agrees for byte-level BPE; for the SentencePiece-style
          // one its converter scores every piece alike, and llama.cpp then breaks ties its own way.
          expect(tokenizer.encode(p.text)).toEqual(p.tokenizers_ids_without_special_tokens);
          if (!file.startsWith('sentencepiece'))
            expect(tokenizer.encode(p.text)).toEqual(p.llama_cpp_tokenize);
          if (type === 'f16') {
            const [greedy] = await generate(model, [p.ids], {
              maxNewTokens: p.llama_cpp_greedy.length,
              temperature: 0,
              rng: new Rng(1),
            });
            expect(greedy!.tokens).toEqual(p.llama_cpp_greedy);
          }
        }
      } finally {
        model.destroy();
      }
    });
  }
});
