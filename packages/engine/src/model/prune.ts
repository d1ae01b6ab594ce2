/**
 * Derives a smaller student from a teacher by structured pruning, after Minitron (Muralidharan et al.
 * 2024, "Compact Language Models via Pruning and Knowledge Distillation"): score every layer, head,
 * MLP neuron and embedding channel by its activations on a small calibration batch (forward passes
 * only), pick a shape under a parameter budget, and copy the kept rows and columns of every tensor.
 * The pruned student is then meant to be distilled from its teacher.
 */
import { headDim, type ModelConfig } from './config.ts';
import { countParameters } from './layout.ts';
import { LlamaModel } from './model.ts';

/** The token rows importance is measured on: B rows of T tokens. */
export interface Calibration {
  tokens: Int32Array;
  B: number;
  T: number;
}

/** Activation-based importance of one layer and of the units inside it (higher is more important). */
export interface LayerImportance {
  /** Block importance: 1 − cosine(block input, block output), averaged over tokens. */
  block: number;
  /** Per query head [nHeads]. */
  heads: Float64Array;
  /** Per MLP neuron [hiddenDim]. */
  neurons: Float64Array;
  /** Per embedding channel [dim], from this layer's two RMSNorm outputs. */
  channels: Float64Array;
}

/** The axes pruning shrinks. Head size, vocabulary and the rest stay the teacher's. */
export interface PrunedShape {
  nLayers: number;
  dim: number;
  hiddenDim: number;
  nHeads: number;
  nKvHeads: number;
}

export interface PruneOptions {
  /**
   * How far width (channels, neurons, heads) is pruned alone, as a share of the teacher's, before
   * layers go too; default 0.5. Minitron finds width pruning better than depth pruning, but not
   * without limit.
   */
  minWidth?: number;
  /** Channels and neurons are kept in multiples of this (default 8); 32 keeps Q8_0/Q4_0 exports whole. */
  multipleOf?: number;
}

export interface PruneReport {
  parametersBefore: number;
  parametersAfter: number;
  before: PrunedShape & { headDim: number };
  after: PrunedShape & { headDim: number };
  /** The teacher's layer indices that were removed, ascending. */
  removedLayers: number[];
  /** The teacher's block importance per layer (what depth pruning ranked by). */
  blockImportance: number[];
  kept: { channels: number; neuronsPerLayer: number; headsPerLayer: number; kvHeadsPerLayer: number };
}

/**
 * Minitron's activation-based importance. Width scores aggregate each token's value by the mean over a
 * row's tokens, then the L2 norm over the rows. A head or neuron is scored by what it writes into the
 * residual stream (its output through its slice of o_proj or its column of down_proj): the paper scores
 * the output before that projection, which cannot tell a unit whose projection is zero from a live one.
 */
export async function importanceOf(model: LlamaModel, calibration: Calibration): Promise<LayerImportance[]> {
  const c = model.config;
  const { B, T } = calibration;
  const acts = await model.captureActivations(calibration.tokens, B, T);
  const w = await model.getWeights();
  return acts.map((a, l) => {
    const o = model.layout.layers[l]!;
    const neurons = aggregate(a.swi, B, T, c.hiddenDim);
    for (let i = 0; i < c.hiddenDim; i++) neurons[i]! *= columnNorm(w, o.wDown, c.hiddenDim, c.dim, i);
    const heads = aggregate(headOutputNorms(a.atty, w, o.wo, c, B * T), B, T, c.nHeads);
    const channels = aggregate(a.attnNorm, B, T, c.dim);
    const mlpChannels = aggregate(a.mlpNorm, B, T, c.dim);
    for (let i = 0; i < c.dim; i++) channels[i]! += mlpChannels[i]!;
    return { block: 1 - meanCosine(a.input, a.output, B * T, c.dim), heads, neurons, channels };
  });
}

/**
 * Prunes `model` to the shape whose parameter count is closest to `targetParams` without exceeding it
 * (see `choosePrunedShape`), keeping the most important units. The student lives on the same backend.
 */
export async function pruneModel(
  model: LlamaModel,
  calibration: Calibration,
  targetParams: number,
  options: PruneOptions = {},
): Promise<{ model: LlamaModel; report: PruneReport }> {
  const shape = choosePrunedShape(model.config, targetParams, options);
  return pruneToShape(model, await importanceOf(model, calibration), shape);
}

/** The student's config: the teacher's with the pruned axes, and the teacher's head size kept explicit. */
export function prunedConfig(teacher: ModelConfig, shape: PrunedShape): ModelConfig {
  const config = { ...teacher, ...shape };
  const hd = headDim(teacher);
  return headDim(config) === hd ? config : { ...config, headDim: hd };
}

/** Resolution of the width factor searched by `choosePrunedShape`. */
const WIDTH_STEPS = 4096;

/**
 * The student shape for a parameter budget. At each depth, every width axis (channels, neurons, heads)
 * shrinks by one common factor, the largest that fits, so that the student keeps the teacher's
 * proportions. Of the depths, the one whose lesser share (that width factor, or the share of layers
 * kept) is largest wins, a width share above `minWidth` counting as `minWidth`, and of equals the
 * deepest. So width alone is pruned down to `minWidth`, as Minitron prefers width pruning to depth
 * pruning, and past it depth and width shrink together, neither much further than the other.
 * Neurons, the finest axis, then fill what budget remains.
 */
export function choosePrunedShape(
  teacher: ModelConfig,
  targetParams: number,
  options: PruneOptions = {},
): PrunedShape {
  if (!Number.isFinite(targetParams) || targetParams <= 0)
    throw new Error(`prune: the target must be a positive number of parameters, got ${targetParams}`);
  const minWidth = options.minWidth ?? 0.5;
  const multipleOf = options.multipleOf ?? 8;
  const count = (s: PrunedShape): number => countParameters(prunedConfig(teacher, s));
  const full = shapeOf(teacher);
  if (count(full) <= targetParams) return full;
  const smallest = scaledShape(teacher, 1, 0, multipleOf);
  if (count(smallest) > targetParams)
    throw new Error(
      `prune: target of ${targetParams} parameters is below the smallest student of this teacher, ` +
        `${count(smallest)} parameters (${describe(smallest)})`,
    );
  let best = { score: -1, layers: 1, width: 0 };
  for (let layers = teacher.nLayers; layers >= 1; layers--) {
    // Parameters grow with the width factor, so the largest factor that fits is found by bisection
    // (-1 when none does).
    let lo = -1;
    let hi = WIDTH_STEPS;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (count(scaledShape(teacher, layers, mid / WIDTH_STEPS, multipleOf)) <= targetParams) lo = mid;
      else hi = mid - 1;
    }
    const width = lo / WIDTH_STEPS;
    const score = Math.min(minWidth, width, layers / teacher.nLayers);
    if (score > best.score) best = { score, layers, width };
  }
  const shape = scaledShape(teacher, best.layers, best.width, multipleOf);
  while (shape.hiddenDim < teacher.hiddenDim) {
    const wider = { ...shape, hiddenDim: Math.min(teacher.hiddenDim, shape.hiddenDim + multipleOf) };
    if (count(wider) > targetParams) break;
    shape.hiddenDim = wider.hiddenDim;
  }
  return shape;
}

/**
 * Builds the student of `shape` from `model`: the most important layers, channels (ranked over the kept
 * layers), neurons and heads, in their original order. Heads go by KV group so that grouped-query
 * attention keeps its structure: the best `nKvHeads` groups, and in each the best
 * `nHeads / nKvHeads` query heads.
 */
export async function pruneToShape(
  model: LlamaModel,
  importance: LayerImportance[],
  shape: PrunedShape,
): Promise<{ model: LlamaModel; report: PruneReport }> {
  const t = model.config;
  checkShape(t, shape);
  if (importance.length !== t.nLayers)
    throw new Error(`prune: importance of ${importance.length} layers for a model of ${t.nLayers}`);
  const config = prunedConfig(t, shape);
  const hd = headDim(t);
  const layers = topK(
    importance.map((li) => li.block),
    shape.nLayers,
  );
  const channelScores = new Float64Array(t.dim);
  for (const l of layers) for (let i = 0; i < t.dim; i++) channelScores[i]! += importance[l]!.channels[i]!;
  const channels = topK(channelScores, shape.dim);
  const vocab = range(t.vocabSize);

  const student = new LlamaModel(model.backend, config);
  const src = await model.getWeights();
  const dst = new Float32Array(student.numParameters);
  const from = model.layout;
  const to = student.layout;
  pick(dst, to.embed, src, from.embed, t.dim, vocab, channels);
  // A bias keeps the entries of its projection's kept output rows; the student has the teacher's biases.
  const pickBias = (dstOffset: number | undefined, srcOffset: number | undefined, rows: number[]) => {
    if (dstOffset !== undefined) pick(dst, dstOffset, src, srcOffset!, 1, rows, [0]);
  };
  layers.forEach((l, i) => {
    const a = from.layers[l]!;
    const b = to.layers[i]!;
    const { query, kv } = keptHeads(importance[l]!.heads, t, shape);
    const qRows = headRows(query, hd);
    const kvRows = headRows(kv, hd);
    const neurons = topK(importance[l]!.neurons, shape.hiddenDim);
    pick(dst, b.attnNorm, src, a.attnNorm, t.dim, [0], channels);
    pick(dst, b.wq, src, a.wq, t.dim, qRows, channels);
    pick(dst, b.wk, src, a.wk, t.dim, kvRows, channels);
    pick(dst, b.wv, src, a.wv, t.dim, kvRows, channels);
    pick(dst, b.wo, src, a.wo, t.nHeads * hd, channels, qRows);
    pick(dst, b.mlpNorm, src, a.mlpNorm, t.dim, [0], channels);
    pick(dst, b.wGate, src, a.wGate, t.dim, neurons, channels);
    pick(dst, b.wUp, src, a.wUp, t.dim, neurons, channels);
    pick(dst, b.wDown, src, a.wDown, t.hiddenDim, channels, neurons);
    pickBias(b.bq, a.bq, qRows);
    pickBias(b.bk, a.bk, kvRows);
    pickBias(b.bv, a.bv, kvRows);
    pickBias(b.bo, a.bo, channels);
    pickBias(b.bGate, a.bGate, neurons);
    pickBias(b.bUp, a.bUp, neurons);
    pickBias(b.bDown, a.bDown, channels);
  });
  pick(dst, to.finalNorm, src, from.finalNorm, t.dim, [0], channels);
  if (!t.tieEmbeddings) pick(dst, to.lmHead, src, from.lmHead, t.dim, vocab, channels);
  student.setWeights(dst);

  const kept = new Set(layers);
  return {
    model: student,
    report: {
      parametersBefore: model.numParameters,
      parametersAfter: student.numParameters,
      before: { ...shapeOf(t), headDim: hd },
      after: { ...shape, headDim: headDim(config) },
      removedLayers: range(t.nLayers).filter((l) => !kept.has(l)),
      blockImportance: importance.map((li) => li.block),
      kept: {
        channels: shape.dim,
        neuronsPerLayer: shape.hiddenDim,
        headsPerLayer: shape.nHeads,
        kvHeadsPerLayer: shape.nKvHeads,
      },
    },
  };
}

function shapeOf(c: ModelConfig): PrunedShape {
  return { nLayers: c.nLayers, dim: c.dim, hiddenDim: c.hiddenDim, nHeads: c.nHeads, nKvHeads: c.nKvHeads };
}

function describe(s: PrunedShape): string {
  return `${s.nLayers} layer(s), dim ${s.dim}, hiddenDim ${s.hiddenDim}, ${s.nHeads} head(s), ${s.nKvHeads} KV head(s)`;
}

/** The teacher's widths scaled by `width` ∈ [0, 1] at `nLayers` layers. */
function scaledShape(teacher: ModelConfig, nLayers: number, width: number, multipleOf: number): PrunedShape {
  const axis = (full: number): number =>
    Math.min(full, Math.max(multipleOf, Math.round((width * full) / multipleOf) * multipleOf));
  return {
    nLayers,
    dim: axis(teacher.dim),
    hiddenDim: axis(teacher.hiddenDim),
    ...scaledHeads(teacher, width),
  };
}

/**
 * The head count nearest `width` times the teacher's (ties to more heads), as kvHeads groups of
 * equally many query heads. Of equal counts, more KV groups with fewer query heads each win, as in
 * Minitron-4B, which halved the query heads and kept every KV head.
 */
function scaledHeads(teacher: ModelConfig, width: number): { nHeads: number; nKvHeads: number } {
  const wanted = width * teacher.nHeads;
  const groupSize = teacher.nHeads / teacher.nKvHeads;
  let best = { nHeads: 1, nKvHeads: 1 };
  for (let kv = 1; kv <= teacher.nKvHeads; kv++) {
    for (let perGroup = 1; perGroup <= groupSize; perGroup++) {
      const heads = kv * perGroup;
      const gap = Math.abs(heads - wanted) - Math.abs(best.nHeads - wanted);
      if (gap < 0 || (gap === 0 && (heads > best.nHeads || (heads === best.nHeads && kv > best.nKvHeads))))
        best = { nHeads: heads, nKvHeads: kv };
    }
  }
  return best;
}

function checkShape(t: ModelConfig, s: PrunedShape): void {
  for (const k of ['nLayers', 'dim', 'hiddenDim', 'nHeads', 'nKvHeads'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 1 || s[k] > t[k])
      throw new Error(`prune: ${k} must be an integer in [1, ${t[k]}], got ${s[k]}`);
  }
  if (s.nHeads % s.nKvHeads !== 0 || s.nHeads / s.nKvHeads > t.nHeads / t.nKvHeads)
    throw new Error(
      `prune: ${s.nHeads} heads in ${s.nKvHeads} KV groups is not a subset of the teacher's ` +
        `${t.nHeads} heads in ${t.nKvHeads} groups`,
    );
}

/** The kept query heads (grouped by their kept KV head, in order) and the kept KV heads. */
function keptHeads(scores: Float64Array, t: ModelConfig, s: PrunedShape): { query: number[]; kv: number[] } {
  const groupSize = t.nHeads / t.nKvHeads;
  const perGroup = s.nHeads / s.nKvHeads;
  const inGroup = range(t.nKvHeads).map((g) =>
    topK(scores.subarray(g * groupSize, (g + 1) * groupSize), perGroup).map((h) => g * groupSize + h),
  );
  const groupScores = inGroup.map((heads) => heads.reduce((sum, h) => sum + scores[h]!, 0));
  const kv = topK(groupScores, s.nKvHeads);
  return { query: kv.flatMap((g) => inGroup[g]!), kv };
}

/** The indices of the k highest scores (ties to the earlier index), in ascending order. */
function topK(scores: ArrayLike<number>, k: number): number[] {
  return range(scores.length)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The rows of heads' weights in a [heads · headDim, …] projection. */
function headRows(heads: number[], hd: number): number[] {
  return heads.flatMap((h) => range(hd).map((d) => h * hd + d));
}

/** dst at dstOffset, row-major [rows, cols], = the rows × cols of the row-major matrix at srcOffset with `width` columns. */
function pick(
  dst: Float32Array,
  dstOffset: number,
  src: Float32Array,
  srcOffset: number,
  width: number,
  rows: number[],
  cols: number[],
): void {
  let k = dstOffset;
  for (const r of rows) {
    const base = srcOffset + r * width;
    for (const c of cols) dst[k++] = src[base + c]!;
  }
}

/** Per unit of x [B·T, K]: |x| averaged over each row's T tokens, then the L2 norm over the B rows. */
function aggregate(x: ArrayLike<number>, B: number, T: number, K: number): Float64Array {
  const out = new Float64Array(K);
  const rowMean = new Float64Array(K);
  for (let b = 0; b < B; b++) {
    rowMean.fill(0);
    for (let t = 0; t < T; t++) {
      const base = (b * T + t) * K;
      for (let k = 0; k < K; k++) rowMean[k]! += Math.abs(x[base + k]!) / T;
    }
    for (let k = 0; k < K; k++) out[k]! += rowMean[k]! ** 2;
  }
  for (let k = 0; k < K; k++) out[k] = Math.sqrt(out[k]!);
  return out;
}

/** The L2 norm of column `col` of the row-major [rows, width] matrix at `offset`. */
function columnNorm(w: Float32Array, offset: number, width: number, rows: number, col: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) s += w[offset + r * width + col]! ** 2;
  return Math.sqrt(s);
}

/**
 * Per token and head, the norm of what the head adds to the residual stream: |W_h y| for its output y
 * [headDim] and its o_proj columns W_h [dim, headDim], as sqrt(yᵀ (W_hᵀ W_h) y) so that the product with
 * o_proj is paid once per head rather than once per token. Returns [N, nHeads].
 */
function headOutputNorms(
  atty: Float32Array,
  w: Float32Array,
  wo: number,
  c: ModelConfig,
  N: number,
): Float64Array {
  const hd = headDim(c);
  const qDim = c.nHeads * hd;
  const out = new Float64Array(N * c.nHeads);
  const gram = new Float64Array(hd * hd);
  for (let h = 0; h < c.nHeads; h++) {
    gram.fill(0);
    for (let r = 0; r < c.dim; r++) {
      const row = wo + r * qDim + h * hd;
      for (let d = 0; d < hd; d++)
        for (let e = 0; e < hd; e++) gram[d * hd + e]! += w[row + d]! * w[row + e]!;
    }
    for (let n = 0; n < N; n++) {
      const y = n * qDim + h * hd;
      let s = 0;
      for (let d = 0; d < hd; d++) {
        let gy = 0;
        for (let e = 0; e < hd; e++) gy += gram[d * hd + e]! * atty[y + e]!;
        s += atty[y + d]! * gy;
      }
      out[n * c.nHeads + h] = Math.sqrt(Math.max(s, 0));
    }
  }
  return out;
}

/** The cosine similarity of x and y [N, C] per row, averaged over the rows. */
function meanCosine(x: Float32Array, y: Float32Array, N: number, C: number): number {
  let total = 0;
  for (let n = 0; n < N; n++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = n * C; i < (n + 1) * C; i++) {
      xy += x[i]! * y[i]!;
      xx += x[i]! ** 2;
      yy += y[i]! ** 2;
    }
    total += xy / Math.max(Math.sqrt(xx * yy), 1e-30);
  }
  return total / N;
}
