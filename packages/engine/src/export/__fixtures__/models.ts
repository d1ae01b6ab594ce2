import { CpuBackend } from '../../backends/cpu/cpu-backend.ts';
import type { ModelConfig } from '../../model/config.ts';
import { LlamaModel } from '../../model/model.ts';
import { BpeTokenizer } from '../../tokenizer/bpe-tokenizer.ts';
import { Rng } from '../../util/rng.ts';

export const CORPUS =
  'the quick brown fox jumps over the lazy dog while spam filters read every mail and ham stays in the inbox';

export function testTokenizer(): BpeTokenizer {
  return BpeTokenizer.train([CORPUS, CORPUS.toUpperCase()], { vocabSize: 300 });
}

/**
 * Three shapes cover the export paths: `nano` (the smallest preset's widths, tied embeddings) has rows
 * of 64 and 160, so q4_k_m falls back to Q5_0 / Q8_0 everywhere; `kquant` has rows of 256 and 512
 * and an untied head, so q4_k_m writes real Q4_K and Q6_K tensors; `biased` is nano with a bias on
 * every projection (attention_bias, mlp_bias), whose Q and K biases GGUF stores RoPE-permuted.
 */
export function testConfigs(vocabSize: number): Record<'nano' | 'kquant' | 'biased', ModelConfig> {
  const common = { vocabSize, maxSeqLen: 64, ropeTheta: 10000, normEps: 1e-5 };
  const nano = {
    ...common,
    dim: 64,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    hiddenDim: 160,
    tieEmbeddings: true,
  };
  return {
    nano,
    kquant: { ...common, dim: 256, nLayers: 2, nHeads: 4, nKvHeads: 2, hiddenDim: 512, tieEmbeddings: false },
    biased: { ...nano, attentionBias: true, mlpBias: true },
  };
}

/**
 * A model with the engine's own initialisation, norm gains perturbed away from 1 and biases away
 * from 0 (so they matter).
 */
export async function testModel(config: ModelConfig, seed = 7): Promise<LlamaModel> {
  const model = new LlamaModel(new CpuBackend(), config);
  const rng = new Rng(seed);
  model.initialize(rng);
  const w = await model.getWeights();
  for (const e of model.layout.entries)
    if (!e.decay) {
      const mean = e.name.endsWith('.bias') ? 0 : 1;
      for (let i = e.offset; i < e.offset + e.size; i++) w[i] = mean + 0.1 * rng.normal();
    }
  model.setWeights(w);
  return model;
}

/** ||a − b|| / ||b||. */
export function relRms(a: Float32Array, b: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

/**
 * Relative RMS error bound per tensor type on the engine's N(0, 0.02) weights. Measured (64 Ki values,
 * seed 1): F16 2.1e-4, Q8_0 5.4e-3, Q6_K 1.8e-2, Q5_0 4.3e-2, Q4_K 7.2e-2, Q4_0 8.6e-2; the bounds
 * leave about 20% headroom and keep the order the formats' bit widths imply.
 */
export const CODEC_ERROR_BOUNDS: Record<string, number> = {
  F32: 0,
  F16: 2.6e-4,
  Q8_0: 6.5e-3,
  Q6_K: 2.2e-2,
  Q5_0: 5.2e-2,
  Q4_K: 8.8e-2,
  Q4_0: 1.05e-1,
};
