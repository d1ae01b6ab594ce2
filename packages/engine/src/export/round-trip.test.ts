import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../backends/cpu/cpu-backend.ts';
import { loadCheckpoint } from '../import/import-model.ts';
import { generate } from '../model/generate.ts';
import type { LlamaModel } from '../model/model.ts';
import type { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
import { Rng } from '../util/rng.ts';
import { CORPUS, relRms, testConfigs, testModel, testTokenizer } from './__fixtures__/models.ts';
import { type ArtifactEntry, exportModel } from './export-model.ts';
import { QUANTIZATION_TYPES, type QuantizationType } from './quant-mix.ts';

/**
 * Relative RMS error of the logits after export and import, ||Δ|| / ||logits||, on a 24-token prompt
 * of a model with the engine's initialisation. Measured (seeds 7–9, nano / kquant / biased): f16
 * 2.8–3.0e-4 / 4.5–5.7e-4 / 2.0–2.2e-4, q8_0 7.5–8.1e-3 / 1.1–1.4e-2 / 5.1–5.5e-3, q4_0 1.2–1.3e-1 /
 * 1.8–2.3e-1 / 8.4–9.6e-2, q4_k_m 2.0–2.4e-2 (its Q5_0 / Q8_0 fallbacks) / 1.4–1.7e-1 / 6.4–7.1e-3
 * (biases are vectors, so they stay F32). A random network is a harsh case (no margin between logits), so the
 * 4-bit types are bounded loosely here and tightly per tensor in the quantizer and gguf-py tests. The
 * bounds are about 1.5× the worst measurement.
 */
const LOGIT_BOUNDS: Record<'nano' | 'kquant' | 'biased', Record<QuantizationType, number>> = {
  nano: { f32: 0, f16: 4.5e-4, q8_0: 1.2e-2, q4_0: 2e-1, q4_k_m: 3.6e-2 },
  kquant: { f32: 0, f16: 8.5e-4, q8_0: 2e-2, q4_0: 3.4e-1, q4_k_m: 2.6e-1 },
  biased: { f32: 0, f16: 3.4e-4, q8_0: 8.5e-3, q4_0: 1.5e-1, q4_k_m: 1.1e-2 },
};

const tokenizer = testTokenizer();
const prompt = Int32Array.from(tokenizer.encode(CORPUS).slice(0, 24));

for (const [label, config] of Object.entries(testConfigs(tokenizer.vocabSize)) as [
  keyof typeof LOGIT_BOUNDS,
  ReturnType<typeof testConfigs>['nano'],
][]) {
  describe(`export then import (${label})`, () => {
    let dir: string;
    let model: LlamaModel;
    let manifest: ArtifactEntry[];
    let reference: Float32Array;
    const logitsOf = (m: LlamaModel) => m.logits(prompt, 1, prompt.length);

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), `distillery-export-${label}-`));
      model = await testModel(config);
      manifest = await exportModel(model, tokenizer, { dir, quantizationTypes: [...QUANTIZATION_TYPES] });
      reference = await logitsOf(model);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('lists every file with its size, sha256 and quantization', async () => {
      expect(manifest.map((a) => [a.format, a.quantization])).toEqual([
        ['safetensors', undefined],
        ['tokenizer', undefined],
        ['gguf_f32', 'f32'],
        ['gguf_f16', 'f16'],
        ['gguf_q8_0', 'q8_0'],
        ['gguf_q4_0', 'q4_0'],
        ['gguf_q4_k_m', 'q4_k_m'],
      ]);
      for (const a of manifest) {
        expect(isAbsolute(a.path)).toBe(true);
        const bytes = await readFile(a.path);
        expect(a.size_bytes).toBe((await stat(a.path)).size);
        expect(a.checksum_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
      const size = (f: string) => manifest.find((a) => a.format === f)!.size_bytes;
      // Each smaller type is smaller on disk (q4_k_m keeps some Q6_K / Q8_0 tensors, so it exceeds q4_0).
      expect(size('gguf_f16')).toBeLessThan(size('gguf_f32'));
      expect(size('gguf_q8_0')).toBeLessThan(size('gguf_f16'));
      expect(size('gguf_q4_0')).toBeLessThan(size('gguf_q8_0'));
      expect(size('gguf_q4_k_m')).toBeLessThan(size('gguf_q8_0'));
    });

    it('safetensors reproduces the weights and logits exactly', async () => {
      const { model: back, tokenizer: tok } = await loadCheckpoint(dir, new CpuBackend());
      expect(back.config).toEqual(model.config);
      expect(await back.getWeights()).toEqual(await model.getWeights());
      expect(await logitsOf(back)).toEqual(reference);
      expect(tok.encode(CORPUS)).toEqual(tokenizer.encode(CORPUS));
      expect((tok as BpeTokenizer).vocab).toEqual(tokenizer.vocab);
    });

    for (const q of QUANTIZATION_TYPES) {
      const bound = LOGIT_BOUNDS[label][q];
      it(`gguf ${q} reproduces the logits ${bound ? `within ${bound}` : 'exactly'}`, async () => {
        const { model: back, tokenizer: tok } = await loadCheckpoint(
          join(dir, `model-${q}.gguf`),
          new CpuBackend(),
        );
        expect(back.config).toEqual(model.config);
        expect((tok as BpeTokenizer).vocab).toEqual(tokenizer.vocab);
        const logits = await logitsOf(back);
        if (bound === 0) {
          expect(await back.getWeights()).toEqual(await model.getWeights());
          expect(logits).toEqual(reference);
        } else {
          const err = relRms(logits, reference);
          expect(err).toBeGreaterThan(0);
          expect(err).toBeLessThanOrEqual(bound);
        }
      });
    }

    it('gguf q8_0 keeps greedy generation', async () => {
      const { model: back } = await loadCheckpoint(join(dir, 'model-q8_0.gguf'), new CpuBackend());
      const opts = { maxNewTokens: 12, temperature: 0, rng: new Rng(0) };
      const ids = [Array.from(prompt.slice(0, 8))];
      expect((await generate(back, ids, opts))[0]!.tokens).toEqual(
        (await generate(model, ids, opts))[0]!.tokens,
      );
    });
  });
}
