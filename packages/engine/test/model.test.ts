import { describe, expect, it } from 'vitest';
import type { Backend } from '../src/backends/backend.ts';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { createWebGpuBackend } from '../src/backends/webgpu/select.ts';
import type { ModelConfig } from '../src/model/config.ts';
import { generate } from '../src/model/generate.ts';
import type { ParamLayout } from '../src/model/layout.ts';
import { type Batch, LlamaModel } from '../src/model/model.ts';
import { Rng } from '../src/util/rng.ts';

const tiny: ModelConfig = {
  vocabSize: 11,
  dim: 8,
  nLayers: 2,
  nHeads: 2,
  nKvHeads: 1,
  hiddenDim: 12,
  maxSeqLen: 16,
  ropeTheta: 10000,
  normEps: 1e-5,
  tieEmbeddings: false,
};
// transformers' attention_bias and mlp_bias: every projection but the LM head has a bias.
const biased: ModelConfig = { ...tiny, attentionBias: true, mlpBias: true };
const objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };

function batch(B: number, T: number, V: number, rng: Rng): Batch {
  const tokens = new Int32Array(B * T).map(() => rng.int(V));
  const targets = new Int32Array(B * T).map(() => rng.int(V));
  const weights = new Float32Array(B * T).map((_, i) => (i % T < 2 ? 0 : 1));
  return { B, T, tokens, targets, weights };
}

/** N(0, std²) biases in weights `w` (initialize leaves them 0), so that each moves what it is added to. */
function randomizeBiases(layout: ParamLayout, w: Float32Array, rng: Rng, std = 1): void {
  for (const e of layout.entries)
    if (e.name.endsWith('.bias'))
      for (let i = e.offset; i < e.offset + e.size; i++) w[i] = std * rng.normal();
}

/** The engine's initialisation at `seed`, with random biases where the config has them. */
async function initialized(config: ModelConfig, seed: number, biasStd = 1): Promise<LlamaModel> {
  const model = new LlamaModel(new CpuBackend(), config);
  const rng = new Rng(seed);
  model.initialize(rng);
  const w = await model.getWeights();
  randomizeBiases(model.layout, w, rng, biasStd);
  model.setWeights(w);
  return model;
}

describe('LlamaModel', () => {
  it.each([
    ['', tiny],
    [' with biases', biased],
  ])('full backward matches finite differences of the loss%s', async (_, config) => {
    const model = new LlamaModel(new CpuBackend(), config);
    const rng = new Rng(1);
    model.initialize(rng);
    const w = await model.getWeights();
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * 10;
    randomizeBiases(model.layout, w, rng);
    model.setWeights(w);
    const b = batch(2, 5, tiny.vocabSize, rng);
    b.teacherLogits = new Float32Array(2 * 5 * tiny.vocabSize).map(() => rng.normal());
    const obj = { kdWeight: 0.4, kdTemperature: 2, bondBeta: 0.3, bondGamma: 0.2 };
    await model.forwardBackward(b, obj);
    const grad = await model.getGradients();
    let num = 0;
    let den = 0;
    for (const e of model.layout.entries) {
      for (const i of [e.offset, e.offset + Math.floor(e.size / 2), e.offset + e.size - 1]) {
        const h = 1e-3;
        const old = w[i]!;
        w[i] = old + h;
        model.setWeights(w);
        const up = (await model.forwardBackward(b, obj)).loss;
        w[i] = old - h;
        model.setWeights(w);
        const down = (await model.forwardBackward(b, obj)).loss;
        w[i] = old;
        const fd = (up - down) / (2 * h);
        num += (fd - grad[i]!) ** 2;
        den += fd ** 2 + grad[i]! ** 2;
      }
    }
    expect(den).toBeGreaterThan(0);
    expect(Math.sqrt(num / den)).toBeLessThan(3e-2);
  });

  // The same training loop on each backend: WebGPU runs its WGSL kernels (llvmpipe without a GPU).
  it.each([
    ['cpu', async (): Promise<Backend> => new CpuBackend()],
    ['webgpu', (): Promise<Backend> => createWebGpuBackend({ allowSoftwareAdapter: true })],
  ])('overfits a small batch to near-zero loss on the %s backend', async (_name, open) => {
    const backend = await open();
    const model = new LlamaModel(backend, {
      ...tiny,
      dim: 32,
      nHeads: 4,
      nKvHeads: 2,
      hiddenDim: 64,
    });
    try {
      const rng = new Rng(2);
      model.initialize(rng);
      const b = batch(2, 8, tiny.vocabSize, rng);
      const first = await model.evaluateLoss(b);
      const opt = { learningRate: 1e-2, weightDecay: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8, gradClip: 1 };
      for (let i = 0; i < 150; i++) {
        await model.forwardBackward(b, objective);
        await model.optimizerStep(opt);
      }
      expect(first).toBeGreaterThan(2);
      expect(await model.evaluateLoss(b)).toBeLessThan(0.05);
    } finally {
      model.destroy();
      backend.destroy();
    }
  });

  it('a biased model computes the same loss and gradients on the webgpu backend as on the cpu', async () => {
    // Biases of N(1) would saturate the softmax of this tiny model, leaving the last layer's q and k
    // gradients ~1e-7, all cancellation; at 0.1 every gradient is well above f32 rounding.
    const cpu = await initialized(biased, 6, 0.1);
    const backend = await createWebGpuBackend({ allowSoftwareAdapter: true });
    const gpu = new LlamaModel(backend, biased);
    try {
      gpu.setWeights(await cpu.getWeights());
      const b = batch(2, 5, tiny.vocabSize, new Rng(7));
      const [lc, lg] = [await cpu.forwardBackward(b, objective), await gpu.forwardBackward(b, objective)];
      expect(lg.loss).toBeCloseTo(lc.loss, 4);
      const [gc, gg] = [await cpu.getGradients(), await gpu.getGradients()];
      for (const e of cpu.layout.entries) {
        let num = 0;
        let den = 0;
        for (let i = e.offset; i < e.offset + e.size; i++) {
          num += (gg[i]! - gc[i]!) ** 2;
          den += gc[i]! ** 2;
        }
        // Measured at most 6.8e-7 relative RMS (the last layer's q and k, the smallest gradients).
        expect(Math.sqrt(num / den), e.name).toBeLessThan(1e-5);
      }
    } finally {
      gpu.destroy();
      backend.destroy();
    }
  });

  it.each([
    ['', tiny],
    [' with biases', biased],
  ])('KV-cache decoding reproduces the logits of a full forward pass%s', async (_, config) => {
    const model = await initialized(config, 3);
    const seq = [1, 4, 2, 7, 3, 9];
    const full = await model.logits(Int32Array.from(seq), 1, seq.length);
    const state = model.createInferenceState(1, 8, 3);
    const V = tiny.vocabSize;
    let last = await model.decode(state, Int32Array.from(seq.slice(0, 3)), 3, 0);
    for (let i = 0; i < V; i++) expect(last[i]).toBeCloseTo(full[2 * V + i]!, 4);
    for (let pos = 3; pos < seq.length; pos++) {
      last = await model.decode(state, Int32Array.from([seq[pos]!]), 1, pos);
      for (let i = 0; i < V; i++) expect(last[i]).toBeCloseTo(full[pos * V + i]!, 4);
    }
  });

  it('SlotCache rows of a biased model reproduce the logits of a full forward pass', async () => {
    const model = await initialized(biased, 5);
    const seq = [1, 4, 2, 7, 3, 9];
    const full = await model.logits(Int32Array.from(seq), 1, seq.length);
    const cache = model.createSlotCache(2, 8, 6);
    const V = tiny.vocabSize;
    // A prefill of 4 rows into slot 1, then one row at a time.
    const rows = (from: number, to: number) => ({
      tokens: Int32Array.from(seq.slice(from, to)),
      slots: new Int32Array(to - from).fill(1),
      positions: Int32Array.from({ length: to - from }, (_, i) => from + i),
    });
    const prefill = await model.decodeRows(cache, rows(0, 4), [0, 1, 2, 3]);
    for (let i = 0; i < 4 * V; i++) expect(prefill[i]).toBeCloseTo(full[i]!, 4);
    for (let pos = 4; pos < seq.length; pos++) {
      const step = await model.decodeRows(cache, rows(pos, pos + 1), [0]);
      for (let i = 0; i < V; i++) expect(step[i]).toBeCloseTo(full[pos * V + i]!, 4);
    }
  });

  it('batched greedy generation equals one-by-one generation', async () => {
    const model = new LlamaModel(new CpuBackend(), tiny);
    model.initialize(new Rng(4));
    const prompts = [
      [1, 2, 3, 4],
      [5, 6],
      [7, 8, 9],
    ];
    const opts = { maxNewTokens: 4, temperature: 0, rng: new Rng(0) };
    const together = await generate(model, prompts, opts);
    for (let i = 0; i < prompts.length; i++) {
      const [alone] = await generate(model, [prompts[i]!], opts);
      expect(together[i]!.tokens).toEqual(alone!.tokens);
      expect(together[i]!.tokens).toHaveLength(4);
    }
  });
});
