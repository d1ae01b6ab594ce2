import type { Backend } from '../../backends/backend.ts';
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

/** Grouped KV heads and a head_dim apart from dim / heads, so every index of the kernels matters. */
export function testConfig(vocabSize: number): ModelConfig {
  return {
    vocabSize,
    dim: 32,
    nLayers: 2,
    nHeads: 4,
    nKvHeads: 2,
    headDim: 12,
    hiddenDim: 48,
    maxSeqLen: 48,
    ropeTheta: 10000,
    normEps: 1e-5,
    tieEmbeddings: false,
  };
}

/**
 * A randomly initialised model with its weights scaled up: at the initialisation's scale the logits
 * are nearly flat, and greedy decoding would hinge on differences of float rounding.
 */
export async function testModel(
  config: ModelConfig,
  backend: Backend = new CpuBackend(),
): Promise<LlamaModel> {
  const model = new LlamaModel(backend, config);
  model.initialize(new Rng(11));
  const w = await model.getWeights();
  model.setWeights(w.map((x) => x * 8));
  return model;
}

/** A model trained briefly to continue the corpus, so that it writes words (tokens of several characters). */
export async function corpusModel(tokenizer: BpeTokenizer, config: ModelConfig): Promise<LlamaModel> {
  const model = new LlamaModel(new CpuBackend(), config);
  model.initialize(new Rng(3));
  const ids = [tokenizer.bos, ...tokenizer.encode(CORPUS)].slice(0, config.maxSeqLen + 1);
  const T = ids.length - 1;
  const batch = {
    B: 1,
    T,
    tokens: Int32Array.from(ids.slice(0, T)),
    targets: Int32Array.from(ids.slice(1)),
    weights: new Float32Array(T).fill(1),
  };
  const objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };
  const optimizer = { learningRate: 1e-2, weightDecay: 0, beta1: 0.9, beta2: 0.95, eps: 1e-8, gradClip: 1 };
  for (let step = 0; step < 60; step++) {
    await model.forwardBackward(batch, objective);
    await model.optimizerStep(optimizer);
  }
  return model;
}
