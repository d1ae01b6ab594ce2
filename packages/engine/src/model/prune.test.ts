import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../backends/cpu/cpu-backend.ts';
import { Rng } from '../util/rng.ts';
import { headDim, MODEL_PRESETS, type ModelConfig, validateModelConfig } from './config.ts';
import { countParameters } from './layout.ts';
import { LlamaModel } from './model.ts';
import { type Calibration, importanceOf, type PrunedShape, pruneModel, pruneToShape } from './prune.ts';

// Untied, so that lm_head's columns are copied too; a tiny eps so that RMSNorm is scale-free.
const small: ModelConfig = {
  vocabSize: 37,
  dim: 32,
  nLayers: 3,
  nHeads: 4,
  nKvHeads: 2,
  hiddenDim: 48,
  maxSeqLen: 16,
  ropeTheta: 10000,
  normEps: 1e-10,
  tieEmbeddings: false,
};
// The same shape with every projection biased (transformers' attention_bias and mlp_bias).
const biased: ModelConfig = { ...small, attentionBias: true, mlpBias: true };
const fullShape: PrunedShape = { nLayers: 3, dim: 32, hiddenDim: 48, nHeads: 4, nKvHeads: 2 };

/**
 * Weights of unit-variance activations (std 1/sqrt(fan-in)), norm gains near 1 and biases near 0, so
 * logits are O(1).
 */
function randomModel(config: ModelConfig, seed: number): LlamaModel {
  const model = new LlamaModel(new CpuBackend(), config);
  const rng = new Rng(seed);
  const w = new Float32Array(model.numParameters);
  for (const e of model.layout.entries) {
    const std = 1 / Math.sqrt(e.shape.at(-1)!);
    const [mean, spread] = e.decay ? [0, std] : e.name.endsWith('.bias') ? [0, 0.1] : [1, 0.1];
    for (let i = 0; i < e.size; i++) w[e.offset + i] = mean + spread * rng.normal();
  }
  model.setWeights(w);
  return model;
}

function calibration(config: ModelConfig, seed: number, B = 3, T = 12): Calibration {
  const rng = new Rng(seed);
  return { tokens: new Int32Array(B * T).map(() => rng.int(config.vocabSize)), B, T };
}

/** Sets columns `cols` of the row-major [rows, width] matrix at `offset` to zero. */
function zeroColumns(w: Float32Array, offset: number, rows: number, width: number, cols: number[]): void {
  for (let r = 0; r < rows; r++) for (const c of cols) w[offset + r * width + c] = 0;
}

function zeroRows(w: Float32Array, offset: number, width: number, rows: number[]): void {
  for (const r of rows) w.fill(0, offset + r * width, offset + (r + 1) * width);
}

function headColumns(heads: number[], hd: number): number[] {
  return heads.flatMap((h) => Array.from({ length: hd }, (_, d) => h * hd + d));
}

/** max |a − b| relative to max |a|. */
function relativeError(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return diff / scale;
}

async function logitsOf(model: LlamaModel, c: Calibration): Promise<Float32Array> {
  return model.logits(c.tokens, c.B, c.T);
}

describe('pruneModel', () => {
  it('returns the same logits when the target is the teacher’s own size', async () => {
    const teacher = randomModel(small, 1);
    const calib = calibration(small, 2);
    const { model, report } = await pruneModel(teacher, calib, teacher.numParameters);
    expect(report.removedLayers).toEqual([]);
    expect(report.after).toEqual(report.before);
    expect(report.parametersAfter).toBe(report.parametersBefore);
    expect(await logitsOf(model, calib)).toEqual(await logitsOf(teacher, calib));
  });

  // Biased: a pruned unit's biases go with it, and the kept ones must land in the student's rows.
  it.each([
    ['', small],
    [' (every projection biased)', biased],
  ])(
    'ranks dead neurons and heads last, and removing them leaves the logits unchanged%s',
    async (_, config) => {
      const teacher = randomModel(config, 3);
      const rng = new Rng(4);
      const w = await teacher.getWeights();
      const hd = headDim(small);
      const deadNeurons: number[][] = [];
      for (let l = 0; l < small.nLayers; l++) {
        const o = teacher.layout.layers[l]!;
        const neurons = rng.shuffle(Array.from({ length: small.hiddenDim }, (_, i) => i)).slice(0, 8);
        deadNeurons.push(neurons);
        zeroColumns(w, o.wDown, small.dim, small.hiddenDim, neurons);
        // One query head in each KV group (heads 0–1 read KV head 0, heads 2–3 KV head 1).
        const heads = [l % 2, 2 + ((l + 1) % 2)];
        zeroColumns(w, o.wo, small.dim, small.nHeads * hd, headColumns(heads, hd));
      }
      teacher.setWeights(w);
      const calib = calibration(small, 5);
      const importance = await importanceOf(teacher, calib);
      importance.forEach((li, l) => {
        for (let i = 0; i < small.hiddenDim; i++) {
          if (deadNeurons[l]!.includes(i)) expect(li.neurons[i]).toBe(0);
          else expect(li.neurons[i]).toBeGreaterThan(0);
        }
        expect(li.heads.filter((s) => s === 0).length).toBe(2);
      });

      const shape = { ...fullShape, hiddenDim: 40, nHeads: 2 };
      const { model, report } = await pruneToShape(teacher, importance, shape);
      expect(model.config).toMatchObject({ ...shape, headDim: hd });
      expect(report.kept).toEqual({
        channels: 32,
        neuronsPerLayer: 40,
        headsPerLayer: 2,
        kvHeadsPerLayer: 2,
      });
      const expected = await logitsOf(teacher, calib);
      expect(relativeError(expected, await logitsOf(model, calib))).toBeLessThan(1e-5);

      // The control: with the ranking reversed the dead units stay and live ones go, and the logits move.
      const reversed = importance.map((li) => ({
        ...li,
        neurons: li.neurons.map((s) => -s),
        heads: li.heads.map((s) => -s),
      }));
      const wrong = await pruneToShape(teacher, reversed, shape);
      expect(relativeError(expected, await logitsOf(wrong.model, calib))).toBeGreaterThan(1e-2);
    },
  );

  it('drops a dead KV group whole, with the query heads that read it', async () => {
    const teacher = randomModel(small, 6);
    const w = await teacher.getWeights();
    const hd = headDim(small);
    for (let l = 0; l < small.nLayers; l++) {
      const group = l % 2;
      const o = teacher.layout.layers[l]!;
      zeroColumns(w, o.wo, small.dim, small.nHeads * hd, headColumns([2 * group, 2 * group + 1], hd));
    }
    teacher.setWeights(w);
    const calib = calibration(small, 7);
    const shape = { ...fullShape, nHeads: 2, nKvHeads: 1 };
    const { model } = await pruneToShape(teacher, await importanceOf(teacher, calib), shape);
    expect(model.layout.layers[0]!.wk - model.layout.layers[0]!.wq).toBe(2 * hd * small.dim);
    expect(relativeError(await logitsOf(teacher, calib), await logitsOf(model, calib))).toBeLessThan(1e-5);
  });

  it('ranks dead embedding channels last and copies every tensor’s kept channels', async () => {
    const teacher = randomModel(small, 8);
    const w = await teacher.getWeights();
    const dead = new Rng(9).shuffle(Array.from({ length: small.dim }, (_, i) => i)).slice(0, 8);
    const L = teacher.layout;
    // Nothing writes the dead channels of the residual stream, so they are zero everywhere.
    zeroColumns(w, L.embed, small.vocabSize, small.dim, dead);
    for (const o of L.layers) {
      zeroRows(w, o.wo, small.nHeads * headDim(small), dead);
      zeroRows(w, o.wDown, small.hiddenDim, dead);
    }
    teacher.setWeights(w);
    const calib = calibration(small, 10);
    const importance = await importanceOf(teacher, calib);
    for (const li of importance)
      for (let i = 0; i < small.dim; i++) {
        if (dead.includes(i)) expect(li.channels[i]).toBe(0);
        else expect(li.channels[i]).toBeGreaterThan(0);
      }

    const { model } = await pruneToShape(teacher, importance, { ...fullShape, dim: 24 });
    expect(model.config).toMatchObject({ dim: 24, nHeads: 4, headDim: 8 });
    // The student's RMS runs over 24 channels instead of 32 (of which 8 were zero): undo that in the gains.
    const s = await model.getWeights();
    const gain = Math.sqrt(32 / 24);
    for (const offset of [
      ...model.layout.layers.flatMap((o) => [o.attnNorm, o.mlpNorm]),
      model.layout.finalNorm,
    ])
      for (let i = 0; i < 24; i++) s[offset + i] = s[offset + i]! * gain;
    model.setWeights(s);
    expect(relativeError(await logitsOf(teacher, calib), await logitsOf(model, calib))).toBeLessThan(1e-5);
  });

  it('removes the layer that is an identity when depth is pruned', async () => {
    const teacher = randomModel(small, 11);
    const w = await teacher.getWeights();
    const o = teacher.layout.layers[1]!;
    w.fill(0, o.wo, o.wo + small.dim * small.nHeads * headDim(small));
    w.fill(0, o.wDown, o.wDown + small.dim * small.hiddenDim);
    teacher.setWeights(w);
    const calib = calibration(small, 12);
    const importance = await importanceOf(teacher, calib);
    expect(importance[1]!.block).toBeLessThan(1e-6);
    expect(Math.min(importance[0]!.block, importance[2]!.block)).toBeGreaterThan(1e-3);

    const { model, report } = await pruneToShape(teacher, importance, { ...fullShape, nLayers: 2 });
    expect(report.removedLayers).toEqual([1]);
    expect(report.blockImportance).toEqual(importance.map((li) => li.block));
    expect(report.after).toMatchObject({ ...fullShape, nLayers: 2 });
    expect(relativeError(await logitsOf(teacher, calib), await logitsOf(model, calib))).toBeLessThan(1e-6);
  });

  it.each([
    [2, 4],
    [4, 3],
  ])('meets 1/%i of a distillery-micro teacher closely, with a valid config', async (fraction, layers) => {
    const micro = MODEL_PRESETS['distillery-micro'];
    const teacher = randomModel(micro, 13);
    const calib = calibration(micro, 14, 2, 32);
    const target = Math.floor(teacher.numParameters / fraction);
    const { model, report } = await pruneModel(teacher, calib, target);
    expect(report.parametersAfter).toBe(model.numParameters);
    expect(report.parametersAfter).toBe(countParameters(model.config));
    expect(report.parametersAfter).toBeLessThanOrEqual(target);
    // Within the cost of one more multiple of 8 neurons in every layer, the finest step there is.
    expect(target - report.parametersAfter).toBeLessThan(3 * 8 * model.config.dim * model.config.nLayers);
    expect(() => validateModelConfig(model.config)).not.toThrow();
    expect(headDim(model.config)).toBe(headDim(micro));
    expect(model.config.nLayers).toBe(layers);
    expect(model.config.nHeads % model.config.nKvHeads).toBe(0);
    expect(report.removedLayers.length).toBe(micro.nLayers - layers);
    expect((await logitsOf(model, calib)).every(Number.isFinite)).toBe(true);
  });

  it('names the target and the smallest possible student when the target cannot be met', async () => {
    const teacher = randomModel(small, 15);
    await expect(pruneModel(teacher, calibration(small, 16), 1000)).rejects.toThrow(
      /target of 1000 parameters is below the smallest student of this teacher, \d+ parameters \(1 layer/,
    );
  });
});
