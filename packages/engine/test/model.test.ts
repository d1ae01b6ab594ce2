import { describe, expect, it } from 'vitest';
import type { Backend } from '../src/backends/backend.ts';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { createWebGpuBackend } from '../src/backends/webgpu/select.ts';
import type { ModelConfig } from '../src/model/config.ts';
import { generate } from '../src/model/generate.ts';
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
const objective = { kdWeight: 0, kdTemperature: 1, bondBeta: 1, bondGamma: 0 };

function batch(B: number, T: number, V: number, rng: Rng): Batch {
  const tokens = new Int32Array(B * T).map(() => rng.int(V));
  const targets = new Int32Array(B * T).map(() => rng.int(V));
  const weights = new Float32Array(B * T).map((_, i) => (i % T < 2 ? 0 : 1));
  return { B, T, tokens, targets, weights };
}

describe('LlamaModel', () => {
  it('full backward matches finite differences of the loss', async () => {
    const model = new LlamaModel(new CpuBackend(), tiny);
    const rng = new Rng(1);
    model.initialize(rng);
    const w = await model.getWeights();
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * 10;
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

  it('KV-cache decoding reproduces the logits of a full forward pass', async () => {
    const model = new LlamaModel(new CpuBackend(), tiny);
    model.initialize(new Rng(3));
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
