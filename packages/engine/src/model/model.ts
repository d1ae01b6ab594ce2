import type { Backend, Tensor } from '../backends/backend.ts';
import type { Rope } from '../backends/rope.ts';
import type { Rng } from '../util/rng.ts';
import { headDim, type ModelConfig, ropeOf, validateModelConfig } from './config.ts';
import { buildLayout, type ParamLayout } from './layout.ts';

/** One training batch: B rows of T tokens, next-token targets and per-position loss weights. */
export interface Batch {
  B: number;
  T: number;
  tokens: Int32Array;
  targets: Int32Array;
  /** Cross-entropy weight per position (0 masks the prompt and padding). */
  weights: Float32Array;
  /** Teacher logits [B*T, V] for logit distillation, meaningful where `kdWeights` is non-zero. */
  teacherLogits?: Float32Array;
  /** KD weight per position; defaults to `weights`. */
  kdWeights?: Float32Array;
}

/** How the loss on the logits is composed. */
export interface Objective {
  /** Share of the KD term; 1 - kdWeight goes to cross-entropy. Ignored without teacher logits. */
  kdWeight: number;
  kdTemperature: number;
  /** Forward (1) vs reverse (0) KL in the KD term. */
  bondBeta: number;
  /** Extra reverse KL(student ‖ teacher) at temperature 1 (regularisation towards the teacher). */
  bondGamma: number;
}

export interface StepStats {
  loss: number;
  ce: number;
  kd: number;
  gradNorm: number;
}

export interface OptimizerSettings {
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Clip the global gradient norm to this (0 disables). */
  gradClip: number;
}

interface LayerActs {
  resid: Tensor;
  ln1: Tensor;
  rstd1: Tensor;
  q: Tensor;
  k: Tensor;
  v: Tensor;
  att: Tensor;
  atty: Tensor;
  resid2: Tensor;
  ln2: Tensor;
  rstd2: Tensor;
  gate: Tensor;
  up: Tensor;
  swi: Tensor;
}

/** Every activation and gradient buffer for one (B, T), allocated once. */
interface Plan {
  B: number;
  T: number;
  tokens: Tensor;
  targets: Tensor;
  weights: Tensor;
  kdWeights: Tensor;
  layers: LayerActs[];
  out: Tensor;
  tmp: Tensor;
  lnf: Tensor;
  rstdf: Tensor;
  logits: Tensor;
  probs: Tensor;
  teacher: Tensor;
  losses: Tensor;
  dresid: Tensor;
  dln: Tensor;
  dq: Tensor;
  dk: Tensor;
  dv: Tensor;
  datty: Tensor;
  datt: Tensor;
  dswi: Tensor;
  dgate: Tensor;
  dup: Tensor;
  dlogits: Tensor;
}

/** KV cache and buffers for generation: B rows, up to `capacity` positions. */
export interface InferenceState {
  B: number;
  capacity: number;
  maxTq: number;
  kCache: Tensor[];
  vCache: Tensor[];
  acts: LayerActs;
  tokens: Tensor;
  kNew: Tensor;
  vNew: Tensor;
  tmp: Tensor;
  logits: Tensor;
}

/**
 * A KV cache of `slots` independent sequences of up to `capacity` positions each, and the buffers of
 * a forward over up to `maxRows` token rows, where every row is one token of some slot at its own
 * position: the continuous-batching shape, in which sequences of any length decode together and a
 * prompt prefills as a run of rows of its slot.
 */
export interface SlotCache {
  slots: number;
  capacity: number;
  maxRows: number;
  kCache: Tensor[];
  vCache: Tensor[];
  acts: LayerActs;
  tokens: Tensor;
  rowSlots: Tensor;
  positions: Tensor;
  tmp: Tensor;
  /** The final hidden states of the rows whose logits are asked for, gathered [rows, dim]. */
  picked: Tensor;
  logits: Tensor;
}

/** Token rows of a SlotCache forward: row i feeds tokens[i] to slot slots[i] at position positions[i]. */
export interface TokenRows {
  tokens: Int32Array;
  slots: Int32Array;
  positions: Int32Array;
}

/** Where layerForward keeps keys and values: lock-step rows at one shared position, or SlotCache rows. */
interface LockStepKv {
  k: Tensor;
  v: Tensor;
  kNew: Tensor;
  vNew: Tensor;
  capacity: number;
}
interface SlotKv {
  k: Tensor;
  v: Tensor;
  slots: Tensor;
  positions: Tensor;
  capacity: number;
}

/**
 * A Llama-style decoder on a backend: one flat parameter buffer (layout in `layout`), gradients and
 * AdamW moments of the same size, and explicit forward and backward passes per layer.
 */
export class LlamaModel {
  readonly config: ModelConfig;
  readonly layout: ParamLayout;
  readonly backend: Backend;
  readonly params: Tensor;
  private readonly rope: Rope;
  private grads: Tensor | null = null;
  private m: Tensor | null = null;
  private v: Tensor | null = null;
  private plan: Plan | null = null;
  /** AdamW steps taken so far (bias correction and checkpoints). */
  step = 0;

  constructor(backend: Backend, config: ModelConfig) {
    this.config = validateModelConfig(config);
    this.layout = buildLayout(config);
    this.backend = backend;
    this.params = backend.alloc(this.layout.total);
    this.rope = ropeOf(this.config);
  }

  get numParameters(): number {
    return this.layout.total;
  }

  /**
   * GPT-2 style initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2·layers), norm
   * gains 1, biases 0.
   */
  initialize(rng: Rng): void {
    const w = new Float32Array(this.layout.total);
    const residScale = 1 / Math.sqrt(2 * this.config.nLayers);
    for (const e of this.layout.entries) {
      if (e.name.endsWith('.bias')) continue;
      if (!e.decay) {
        w.fill(1, e.offset, e.offset + e.size);
        continue;
      }
      const std =
        0.02 * (e.name.endsWith('o_proj.weight') || e.name.endsWith('down_proj.weight') ? residScale : 1);
      for (let i = 0; i < e.size; i++) w[e.offset + i] = rng.normal() * std;
    }
    this.backend.upload(this.params, w);
  }

  async getWeights(): Promise<Float32Array> {
    return (await this.backend.download(this.params)) as Float32Array;
  }

  setWeights(w: Float32Array): void {
    if (w.length !== this.layout.total)
      throw new Error(`weights: expected ${this.layout.total} values, got ${w.length}`);
    this.backend.upload(this.params, w);
  }

  /** Optimizer moments [m, v] for checkpoints (zeros before the first step). */
  async getOptimizerState(): Promise<[Float32Array, Float32Array]> {
    this.ensureOptimizer();
    return [
      (await this.backend.download(this.m!)) as Float32Array,
      (await this.backend.download(this.v!)) as Float32Array,
    ];
  }

  setOptimizerState(m: Float32Array, v: Float32Array, step: number): void {
    this.ensureOptimizer();
    this.backend.upload(this.m!, m);
    this.backend.upload(this.v!, v);
    this.step = step;
  }

  private ensureOptimizer(): void {
    if (this.grads) return;
    this.grads = this.backend.alloc(this.layout.total);
    this.m = this.backend.alloc(this.layout.total);
    this.v = this.backend.alloc(this.layout.total);
  }

  private planFor(B: number, T: number): Plan {
    if (this.plan && this.plan.B === B && this.plan.T === T) return this.plan;
    if (T > this.config.maxSeqLen)
      throw new Error(`seq_len ${T} exceeds the model's maxSeqLen ${this.config.maxSeqLen}`);
    this.freePlan();
    const be = this.backend;
    const c = this.config;
    const N = B * T;
    const hd = headDim(c);
    const qDim = c.nHeads * hd;
    const kvDim = c.nKvHeads * hd;
    const layers: LayerActs[] = [];
    for (let l = 0; l < c.nLayers; l++) layers.push(allocLayer(be, N, c, B * c.nHeads * T * T));
    this.plan = {
      B,
      T,
      tokens: be.alloc(N, 'i32'),
      targets: be.alloc(N, 'i32'),
      weights: be.alloc(N),
      kdWeights: be.alloc(N),
      layers,
      out: be.alloc(N * c.dim),
      tmp: be.alloc(N * c.dim),
      lnf: be.alloc(N * c.dim),
      rstdf: be.alloc(N),
      logits: be.alloc(N * c.vocabSize),
      probs: be.alloc(N * c.vocabSize),
      teacher: be.alloc(N * c.vocabSize),
      losses: be.alloc(N),
      dresid: be.alloc(N * c.dim),
      dln: be.alloc(N * c.dim),
      dq: be.alloc(N * qDim),
      dk: be.alloc(N * kvDim),
      dv: be.alloc(N * kvDim),
      datty: be.alloc(N * qDim),
      datt: be.alloc(B * c.nHeads * T * T),
      dswi: be.alloc(N * c.hiddenDim),
      dgate: be.alloc(N * c.hiddenDim),
      dup: be.alloc(N * c.hiddenDim),
      dlogits: be.alloc(N * c.vocabSize),
    };
    return this.plan;
  }

  private freePlan(): void {
    if (!this.plan) return;
    for (const [key, value] of Object.entries(this.plan)) {
      if (key === 'layers')
        for (const la of value as LayerActs[]) for (const t of Object.values(la)) this.backend.free(t);
      else if (typeof value === 'object') this.backend.free(value as Tensor);
    }
    this.plan = null;
  }

  /**
   * Layer l forward. Training shape when `cache` is absent; Tq new tokens per row at `pos` with a
   * lock-step cache; B rows of one token each, at their own slot and position, with a SlotKv.
   */
  private layerForward(
    l: number,
    a: LayerActs,
    out: Tensor,
    tmp: Tensor,
    B: number,
    Tq: number,
    pos: number,
    cache?: LockStepKv | SlotKv,
  ): void {
    const be = this.backend;
    const c = this.config;
    const o = this.layout.layers[l]!;
    const N = B * Tq;
    const hd = headDim(c);
    const qDim = c.nHeads * hd;
    const kvDim = c.nKvHeads * hd;
    const kOut = cache && 'kNew' in cache ? cache.kNew : a.k;
    const vOut = cache && 'vNew' in cache ? cache.vNew : a.v;
    be.rmsnormForward(a.ln1, a.rstd1, a.resid, this.params, o.attnNorm, N, c.dim, c.normEps);
    this.linearForward(a.q, a.ln1, o.wq, o.bq, N, c.dim, qDim);
    this.linearForward(kOut, a.ln1, o.wk, o.bk, N, c.dim, kvDim);
    this.linearForward(vOut, a.ln1, o.wv, o.bv, N, c.dim, kvDim);
    if (cache && 'slots' in cache) {
      be.ropeForwardAt(a.q, a.q, cache.positions, N, c.nHeads, hd, cache.capacity, this.rope);
      be.ropeForwardAt(a.k, a.k, cache.positions, N, c.nKvHeads, hd, cache.capacity, this.rope);
      be.kvCacheWrite(cache.k, cache.v, a.k, a.v, cache.slots, cache.positions, N, kvDim, cache.capacity);
      be.attentionDecode(
        a.atty,
        a.att,
        a.q,
        cache.k,
        cache.v,
        cache.slots,
        cache.positions,
        N,
        cache.capacity,
        c.nHeads,
        c.nKvHeads,
        hd,
      );
    } else {
      be.ropeForward(a.q, a.q, B, Tq, c.nHeads, hd, pos, this.rope);
      be.ropeForward(kOut, kOut, B, Tq, c.nKvHeads, hd, pos, this.rope);
    }
    if (cache && 'kNew' in cache) {
      for (let b = 0; b < B; b++) {
        const dst = (b * cache.capacity + pos) * kvDim;
        be.copy(cache.k, dst, cache.kNew, b * Tq * kvDim, Tq * kvDim);
        be.copy(cache.v, dst, cache.vNew, b * Tq * kvDim, Tq * kvDim);
      }
      be.attentionForward(
        a.atty,
        a.att,
        a.q,
        cache.k,
        cache.v,
        B,
        Tq,
        pos + Tq,
        cache.capacity,
        c.nHeads,
        c.nKvHeads,
        hd,
      );
    } else if (!cache) {
      be.attentionForward(a.atty, a.att, a.q, a.k, a.v, B, Tq, Tq, Tq, c.nHeads, c.nKvHeads, hd);
    }
    this.linearForward(tmp, a.atty, o.wo, o.bo, N, qDim, c.dim);
    be.residualForward(a.resid2, a.resid, tmp, N * c.dim);
    be.rmsnormForward(a.ln2, a.rstd2, a.resid2, this.params, o.mlpNorm, N, c.dim, c.normEps);
    this.linearForward(a.gate, a.ln2, o.wGate, o.bGate, N, c.dim, c.hiddenDim);
    this.linearForward(a.up, a.ln2, o.wUp, o.bUp, N, c.dim, c.hiddenDim);
    be.swigluForward(a.swi, a.gate, a.up, N * c.hiddenDim);
    this.linearForward(tmp, a.swi, o.wDown, o.bDown, N, c.hiddenDim, c.dim);
    be.residualForward(out, a.resid2, tmp, N * c.dim);
  }

  /**
   * A projection of the layout, weight at `w` and bias at `b` where the layout has one:
   * out [N, OC] = inp [N, C] @ Wᵀ + b.
   */
  private linearForward(
    out: Tensor,
    inp: Tensor,
    w: number,
    b: number | undefined,
    N: number,
    C: number,
    OC: number,
  ): void {
    this.backend.matmulForward(out, inp, this.params, w, N, C, OC);
    if (b !== undefined) this.backend.biasForward(out, this.params, b, N, OC);
  }

  /** linearForward's backward: accumulates dinp and the weight's (and bias's) gradients from dout. */
  private linearBackward(
    dinp: Tensor,
    dout: Tensor,
    inp: Tensor,
    w: number,
    b: number | undefined,
    N: number,
    C: number,
    OC: number,
  ): void {
    this.backend.matmulBackward(dinp, this.grads!, w, dout, inp, this.params, w, N, C, OC);
    if (b !== undefined) this.backend.biasBackward(this.grads!, b, dout, N, OC);
  }

  /** Forward pass of a training-shaped batch; leaves logits [B*T, V] in the plan. */
  private forwardPlan(p: Plan): void {
    const be = this.backend;
    const c = this.config;
    const N = p.B * p.T;
    be.encoderForward(p.layers[0]!.resid, p.tokens, this.params, this.layout.embed, N, c.dim);
    for (let l = 0; l < c.nLayers; l++) {
      const next = l + 1 < c.nLayers ? p.layers[l + 1]!.resid : p.out;
      this.layerForward(l, p.layers[l]!, next, p.tmp, p.B, p.T, 0);
    }
    be.rmsnormForward(p.lnf, p.rstdf, p.out, this.params, this.layout.finalNorm, N, c.dim, c.normEps);
    be.matmulForward(p.logits, p.lnf, this.params, this.layout.lmHead, N, c.dim, c.vocabSize);
  }

  /** Logits [B*T, V] of a batch of token rows (no gradient). */
  async logits(tokens: Int32Array, B: number, T: number): Promise<Float32Array> {
    const p = this.planFor(B, T);
    this.backend.upload(p.tokens, tokens);
    this.forwardPlan(p);
    return (await this.backend.download(p.logits)) as Float32Array;
  }

  /** Mean masked cross-entropy of a batch, without touching gradients. */
  async evaluateLoss(batch: Batch): Promise<number> {
    const p = this.loadBatch(batch);
    this.forwardPlan(p);
    const N = p.B * p.T;
    this.backend.crossEntropyForward(
      p.losses,
      p.probs,
      p.logits,
      p.targets,
      p.weights,
      N,
      this.config.vocabSize,
    );
    const losses = (await this.backend.download(p.losses)) as Float32Array;
    return sum(losses) / Math.max(sum(batch.weights), 1e-9);
  }

  private loadBatch(batch: Batch): Plan {
    const p = this.planFor(batch.B, batch.T);
    const N = batch.B * batch.T;
    for (const [name, arr] of [
      ['tokens', batch.tokens],
      ['targets', batch.targets],
      ['weights', batch.weights],
    ] as const) {
      if (arr.length !== N) throw new Error(`batch.${name}: expected ${N} values, got ${arr.length}`);
    }
    const V = this.config.vocabSize;
    for (let i = 0; i < N; i++) {
      const tok = batch.tokens[i]!;
      const tgt = batch.targets[i]!;
      if (tok < 0 || tok >= V || tgt < 0 || tgt >= V)
        throw new Error(`batch: token id out of range [0, ${V}) at position ${i}`);
    }
    this.backend.upload(p.tokens, batch.tokens);
    this.backend.upload(p.targets, batch.targets);
    this.backend.upload(p.weights, batch.weights);
    if (batch.teacherLogits) {
      this.backend.upload(p.teacher, batch.teacherLogits);
      this.backend.upload(p.kdWeights, batch.kdWeights ?? batch.weights);
    }
    return p;
  }

  /**
   * Forward, loss and full backward of one batch into the gradient buffer (zeroed first).
   * The loss is normalised by the total cross-entropy weight of the batch.
   */
  async forwardBackward(batch: Batch, objective: Objective): Promise<Omit<StepStats, 'gradNorm'>> {
    this.ensureOptimizer();
    const p = this.loadBatch(batch);
    const be = this.backend;
    const c = this.config;
    const N = p.B * p.T;
    const V = c.vocabSize;
    this.forwardPlan(p);

    const norm = 1 / Math.max(sum(batch.weights), 1e-9);
    const useKd = batch.teacherLogits !== undefined;
    const ceShare = useKd ? 1 - objective.kdWeight : 1;
    be.zero(p.dlogits);
    be.crossEntropyForward(p.losses, p.probs, p.logits, p.targets, p.weights, N, V);
    const ce = sum((await be.download(p.losses)) as Float32Array) * norm;
    if (ceShare > 0) be.crossEntropyBackward(p.dlogits, p.probs, p.targets, p.weights, ceShare * norm, N, V);
    let kd = 0;
    let loss = ceShare * ce;
    if (useKd) {
      const kdNorm = 1 / Math.max(sum(batch.kdWeights ?? batch.weights), 1e-9);
      if (objective.kdWeight > 0) {
        const T = objective.kdTemperature;
        be.klDivForward(p.losses, p.logits, p.teacher, p.kdWeights, N, V, T, objective.bondBeta);
        kd = sum((await be.download(p.losses)) as Float32Array) * kdNorm;
        be.klDivBackward(
          p.dlogits,
          p.logits,
          p.teacher,
          p.kdWeights,
          objective.kdWeight * kdNorm,
          N,
          V,
          T,
          objective.bondBeta,
        );
        loss += objective.kdWeight * kd;
      }
      if (objective.bondGamma > 0) {
        be.klDivForward(p.losses, p.logits, p.teacher, p.kdWeights, N, V, 1, 0);
        loss += objective.bondGamma * sum((await be.download(p.losses)) as Float32Array) * kdNorm;
        be.klDivBackward(
          p.dlogits,
          p.logits,
          p.teacher,
          p.kdWeights,
          objective.bondGamma * kdNorm,
          N,
          V,
          1,
          0,
        );
      }
    }
    this.backwardPlan(p);
    return { loss, ce, kd };
  }

  private backwardPlan(p: Plan): void {
    const be = this.backend;
    const c = this.config;
    const L = this.layout;
    const g = this.grads!;
    const N = p.B * p.T;
    const hd = headDim(c);
    const qDim = c.nHeads * hd;
    const kvDim = c.nKvHeads * hd;
    be.zero(g);
    be.zero(p.dln);
    be.matmulBackward(p.dln, g, L.lmHead, p.dlogits, p.lnf, this.params, L.lmHead, N, c.dim, c.vocabSize);
    be.zero(p.dresid);
    be.rmsnormBackward(p.dresid, g, L.finalNorm, p.dln, p.out, this.params, L.finalNorm, p.rstdf, N, c.dim);
    for (let l = c.nLayers - 1; l >= 0; l--) {
      const a = p.layers[l]!;
      const o = L.layers[l]!;
      // MLP branch of out = resid2 + down(swiglu(gate(ln2), up(ln2)))
      be.zero(p.dswi);
      this.linearBackward(p.dswi, p.dresid, a.swi, o.wDown, o.bDown, N, c.hiddenDim, c.dim);
      be.swigluBackward(p.dgate, p.dup, p.dswi, a.gate, a.up, N * c.hiddenDim);
      be.zero(p.dln);
      this.linearBackward(p.dln, p.dgate, a.ln2, o.wGate, o.bGate, N, c.dim, c.hiddenDim);
      this.linearBackward(p.dln, p.dup, a.ln2, o.wUp, o.bUp, N, c.dim, c.hiddenDim);
      be.rmsnormBackward(p.dresid, g, o.mlpNorm, p.dln, a.resid2, this.params, o.mlpNorm, a.rstd2, N, c.dim);
      // attention branch of resid2 = resid + o_proj(attention(rope(q), rope(k), v))
      be.zero(p.datty);
      this.linearBackward(p.datty, p.dresid, a.atty, o.wo, o.bo, N, qDim, c.dim);
      be.attentionBackward(
        p.dq,
        p.dk,
        p.dv,
        p.datt,
        p.datty,
        a.q,
        a.k,
        a.v,
        a.att,
        p.B,
        p.T,
        c.nHeads,
        c.nKvHeads,
        hd,
      );
      be.ropeBackward(p.dq, p.dq, p.B, p.T, c.nHeads, hd, 0, this.rope);
      be.ropeBackward(p.dk, p.dk, p.B, p.T, c.nKvHeads, hd, 0, this.rope);
      be.zero(p.dln);
      // q and k biases act before RoPE, so theirs are the gradients rotated back, as the weights'.
      this.linearBackward(p.dln, p.dq, a.ln1, o.wq, o.bq, N, c.dim, qDim);
      this.linearBackward(p.dln, p.dk, a.ln1, o.wk, o.bk, N, c.dim, kvDim);
      this.linearBackward(p.dln, p.dv, a.ln1, o.wv, o.bv, N, c.dim, kvDim);
      be.rmsnormBackward(p.dresid, g, o.attnNorm, p.dln, a.resid, this.params, o.attnNorm, a.rstd1, N, c.dim);
    }
    be.encoderBackward(g, L.embed, p.dresid, p.tokens, N, c.dim);
  }

  /** Gradient of the last `forwardBackward` (a copy; tests and diagnostics). */
  async getGradients(): Promise<Float32Array> {
    this.ensureOptimizer();
    return (await this.backend.download(this.grads!)) as Float32Array;
  }

  /** Clips the global gradient norm and applies one AdamW step. Returns the norm before clipping. */
  async optimizerStep(opt: OptimizerSettings): Promise<number> {
    this.ensureOptimizer();
    const be = this.backend;
    const total = this.layout.total;
    const gradNorm = Math.sqrt(await be.sumOfSquares(this.grads!, total));
    if (!Number.isFinite(gradNorm))
      throw new Error('training diverged: the gradient norm is not finite (lower learning_rate)');
    if (opt.gradClip > 0 && gradNorm > opt.gradClip) be.scale(this.grads!, opt.gradClip / gradNorm, total);
    this.step += 1;
    for (const e of this.layout.entries) {
      be.adamwUpdate(this.params, this.grads!, this.m!, this.v!, e.offset, e.size, {
        learningRate: opt.learningRate,
        beta1: opt.beta1,
        beta2: opt.beta2,
        eps: opt.eps,
        weightDecay: e.decay ? opt.weightDecay : 0,
        step: this.step,
      });
    }
    return gradNorm;
  }

  /** Allocates a KV cache for B rows of up to `capacity` positions, feeding at most `maxTq` tokens per call. */
  createInferenceState(B: number, capacity: number, maxTq: number): InferenceState {
    const c = this.config;
    if (capacity > c.maxSeqLen)
      throw new Error(`generation length ${capacity} exceeds the model's maxSeqLen ${c.maxSeqLen}`);
    const be = this.backend;
    const kvDim = c.nKvHeads * headDim(c);
    const N = B * maxTq;
    return {
      B,
      capacity,
      maxTq,
      kCache: Array.from({ length: c.nLayers }, () => be.alloc(B * capacity * kvDim)),
      vCache: Array.from({ length: c.nLayers }, () => be.alloc(B * capacity * kvDim)),
      acts: allocLayer(be, N, c, B * c.nHeads * maxTq * capacity),
      tokens: be.alloc(N, 'i32'),
      kNew: be.alloc(N * kvDim),
      vNew: be.alloc(N * kvDim),
      tmp: be.alloc(N * c.dim),
      logits: be.alloc(N * c.vocabSize),
    };
  }

  freeInferenceState(s: InferenceState): void {
    const be = this.backend;
    for (const t of [
      ...s.kCache,
      ...s.vCache,
      ...Object.values(s.acts),
      s.tokens,
      s.kNew,
      s.vNew,
      s.tmp,
      s.logits,
    ])
      be.free(t);
  }

  /**
   * Feeds Tq tokens per row ([B, Tq]) at positions pos .. pos+Tq-1, extending the KV cache, and
   * resolves with the logits of each row's last fed token, [B, V].
   */
  async decode(s: InferenceState, tokens: Int32Array, Tq: number, pos: number): Promise<Float32Array> {
    const be = this.backend;
    const c = this.config;
    if (Tq > s.maxTq || pos + Tq > s.capacity)
      throw new Error('decode: past the capacity of the inference state');
    const N = s.B * Tq;
    be.upload(s.tokens, tokens);
    const a = s.acts;
    be.encoderForward(a.resid, s.tokens, this.params, this.layout.embed, N, c.dim);
    for (let l = 0; l < c.nLayers; l++) {
      this.layerForward(l, a, a.resid, s.tmp, s.B, Tq, pos, {
        k: s.kCache[l]!,
        v: s.vCache[l]!,
        kNew: s.kNew,
        vNew: s.vNew,
        capacity: s.capacity,
      });
    }
    be.rmsnormForward(a.ln1, a.rstd1, a.resid, this.params, this.layout.finalNorm, N, c.dim, c.normEps);
    be.matmulForward(s.logits, a.ln1, this.params, this.layout.lmHead, N, c.dim, c.vocabSize);
    const all = (await be.download(s.logits, 0, N * c.vocabSize)) as Float32Array;
    if (Tq === 1) return all;
    const V = c.vocabSize;
    const last = new Float32Array(s.B * V);
    for (let b = 0; b < s.B; b++) last.set(all.subarray((b * Tq + Tq - 1) * V, (b * Tq + Tq) * V), b * V);
    return last;
  }

  /** Allocates a KV cache of `slots` sequences of up to `capacity` positions, fed `maxRows` token rows at a time. */
  createSlotCache(slots: number, capacity: number, maxRows: number): SlotCache {
    const c = this.config;
    if (capacity > c.maxSeqLen)
      throw new Error(`context ${capacity} exceeds the model's maxSeqLen ${c.maxSeqLen}`);
    const be = this.backend;
    const kvDim = c.nKvHeads * headDim(c);
    return {
      slots,
      capacity,
      maxRows,
      kCache: Array.from({ length: c.nLayers }, () => be.alloc(slots * capacity * kvDim)),
      vCache: Array.from({ length: c.nLayers }, () => be.alloc(slots * capacity * kvDim)),
      acts: allocLayer(be, maxRows, c, maxRows * c.nHeads * capacity),
      tokens: be.alloc(maxRows, 'i32'),
      rowSlots: be.alloc(maxRows, 'i32'),
      positions: be.alloc(maxRows, 'i32'),
      tmp: be.alloc(maxRows * c.dim),
      picked: be.alloc(maxRows * c.dim),
      logits: be.alloc(maxRows * c.vocabSize),
    };
  }

  freeSlotCache(s: SlotCache): void {
    const be = this.backend;
    for (const t of [
      ...s.kCache,
      ...s.vCache,
      ...Object.values(s.acts),
      s.tokens,
      s.rowSlots,
      s.positions,
      s.tmp,
      s.picked,
      s.logits,
    ])
      be.free(t);
  }

  /**
   * Feeds every row's token to its slot at its position, storing its keys and values there, and
   * resolves with the logits of the rows listed in `outputs`, in that order ([outputs.length, V]).
   * A row attends to positions 0 ..= its own of its slot, so the earlier ones must have been fed by
   * an earlier call or by earlier rows of this one; rows of different slots never see each other.
   */
  async decodeRows(s: SlotCache, rows: TokenRows, outputs: readonly number[]): Promise<Float32Array> {
    const be = this.backend;
    const c = this.config;
    const N = rows.tokens.length;
    for (const r of outputs)
      if (!Number.isInteger(r) || r < 0 || r >= N) throw new Error(`decodeRows: no row ${r} of ${N}`);
    this.forwardRows(s, rows);
    const M = outputs.length;
    if (M === 0) return new Float32Array(0);
    let hidden = s.acts.ln1;
    // Only the asked-for rows go through the LM head (a prefilled prompt needs its last row only).
    if (M !== N || outputs.some((r, i) => r !== i)) {
      for (const [i, r] of outputs.entries()) be.copy(s.picked, i * c.dim, s.acts.ln1, r * c.dim, c.dim);
      hidden = s.picked;
    }
    be.matmulForward(s.logits, hidden, this.params, this.layout.lmHead, M, c.dim, c.vocabSize);
    return (await be.download(s.logits, 0, M * c.vocabSize)) as Float32Array;
  }

  /** decodeRows' forward, resolving with every row's last hidden state after the final RMSNorm, [N, dim]. */
  async hiddenRows(s: SlotCache, rows: TokenRows): Promise<Float32Array> {
    this.forwardRows(s, rows);
    return (await this.backend.download(s.acts.ln1, 0, rows.tokens.length * this.config.dim)) as Float32Array;
  }

  /** Embedding, layers and final norm of SlotCache rows; the normed hidden states are left in acts.ln1. */
  private forwardRows(s: SlotCache, rows: TokenRows): void {
    const be = this.backend;
    const c = this.config;
    const N = rows.tokens.length;
    if (N === 0 || N > s.maxRows || rows.slots.length !== N || rows.positions.length !== N)
      throw new Error(`decodeRows: 1 to ${s.maxRows} rows of a token, a slot and a position each`);
    for (let i = 0; i < N; i++) {
      const tok = rows.tokens[i]!;
      const slot = rows.slots[i]!;
      const pos = rows.positions[i]!;
      if (tok < 0 || tok >= c.vocabSize) throw new Error(`decodeRows: token ${tok} of row ${i} out of range`);
      if (slot < 0 || slot >= s.slots || pos < 0 || pos >= s.capacity)
        throw new Error(`decodeRows: row ${i} at slot ${slot}, position ${pos}: past the cache`);
    }
    be.upload(s.tokens, rows.tokens);
    be.upload(s.rowSlots, rows.slots);
    be.upload(s.positions, rows.positions);
    const a = s.acts;
    be.encoderForward(a.resid, s.tokens, this.params, this.layout.embed, N, c.dim);
    for (let l = 0; l < c.nLayers; l++) {
      this.layerForward(l, a, a.resid, s.tmp, N, 1, 0, {
        k: s.kCache[l]!,
        v: s.vCache[l]!,
        slots: s.rowSlots,
        positions: s.positions,
        capacity: s.capacity,
      });
    }
    be.rmsnormForward(a.ln1, a.rstd1, a.resid, this.params, this.layout.finalNorm, N, c.dim, c.normEps);
  }

  destroy(): void {
    this.freePlan();
    for (const t of [this.params, this.grads, this.m, this.v]) if (t) this.backend.free(t);
  }

  /**
   * Runs the training-shaped forward on B rows of T tokens and downloads, per layer, what pruning
   * scores units by (model/prune.ts). Every layer's activations come back at once, so the caller
   * keeps B·T small: a calibration batch, not a training one.
   */
  async captureActivations(tokens: Int32Array, B: number, T: number): Promise<LayerActivations[]> {
    if (tokens.length !== B * T) throw new Error(`tokens: expected ${B * T} values, got ${tokens.length}`);
    const be = this.backend;
    const p = this.planFor(B, T);
    be.upload(p.tokens, tokens);
    this.forwardPlan(p);
    const download = async (t: Tensor): Promise<Float32Array> => (await be.download(t)) as Float32Array;
    const layers: LayerActivations[] = [];
    for (let l = 0; l < this.config.nLayers; l++) {
      const a = p.layers[l]!;
      layers.push({
        input: await download(a.resid),
        attnNorm: await download(a.ln1),
        atty: await download(a.atty),
        mlpNorm: await download(a.ln2),
        swi: await download(a.swi),
        output: await download(l + 1 < this.config.nLayers ? p.layers[l + 1]!.resid : p.out),
      });
    }
    return layers;
  }
}

/** One layer's activations over a batch of N = B·T tokens, row-major per token. */
export interface LayerActivations {
  /** Block input, the residual stream [N, dim]. */
  input: Float32Array;
  /** input_layernorm output [N, dim]. */
  attnNorm: Float32Array;
  /** Attention output per head before o_proj [N, nHeads, headDim]. */
  atty: Float32Array;
  /** post_attention_layernorm output [N, dim]. */
  mlpNorm: Float32Array;
  /** SwiGLU activation, the input of down_proj [N, hiddenDim]. */
  swi: Float32Array;
  /** Block output, the residual stream after the MLP [N, dim]. */
  output: Float32Array;
}

function allocLayer(be: Backend, N: number, c: ModelConfig, attSize: number): LayerActs {
  const hd = headDim(c);
  return {
    resid: be.alloc(N * c.dim),
    ln1: be.alloc(N * c.dim),
    rstd1: be.alloc(N),
    q: be.alloc(N * c.nHeads * hd),
    k: be.alloc(N * c.nKvHeads * hd),
    v: be.alloc(N * c.nKvHeads * hd),
    att: be.alloc(attSize),
    atty: be.alloc(N * c.nHeads * hd),
    resid2: be.alloc(N * c.dim),
    ln2: be.alloc(N * c.dim),
    rstd2: be.alloc(N),
    gate: be.alloc(N * c.hiddenDim),
    up: be.alloc(N * c.hiddenDim),
    swi: be.alloc(N * c.hiddenDim),
  };
}

function sum(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
